package org.vaescope.ui.internal.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vaescope.ui.internal.analysis.AnalysisRequest;
import org.vaescope.ui.testing.Workbenches;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The dialog shows the remembered request and gives it back unchanged on OK. */
class AnalyseDialogTest {

    /** Opens without blocking and presses OK the way the button does. */
    private static final class Opened extends AnalyseDialog {
        Opened(Shell parent, AnalysisRequest initial) {
            super(parent, "tiny.vsm", List.of("encoder.fc1", "latent.mu", "decoder.fc1"), initial);
            setBlockOnOpen(false);
        }

        void pressOk() {
            okPressed();
        }
    }

    @Test
    void showsTheRememberedChoiceAndReturnsItOnOk() throws Exception {
        AnalysisRequest remembered = new AnalysisRequest("causal:size=32,strength=0.5", 30, 25, 500, 200, 9,
                List.of("latent.mu"), 7);
        Opened dialog = new Opened(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), remembered);
        dialog.open();
        Workbenches.screenshot(dialog.getShell(), "vaescope-analyse-dialog");
        dialog.pressOk();
        assertEquals(remembered, dialog.request());
    }

    @Test
    void oneCircuitSearchForModularityIsRefused() throws Exception {
        Opened dialog = new Opened(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                new AnalysisRequest("dsprites:size=32", 20, 20, 60, 40, 1, List.of(), 1));
        dialog.open();
        assertTrue(dialog.getErrorMessage() != null && dialog.getErrorMessage().contains("at least 2 times"),
                dialog.getErrorMessage());
        assertEquals(7, new AnalysisRequest("dsprites:size=32", 20, 20, 60, 40, 1, List.of(), 7).settings()
                .modularityRepeats());
        dialog.close();
    }

    /** A request remembered before the repeats existed reads back as one without them. */
    @Test
    void aRequestRememberedBeforeTheRepeatsReadsBackWithNone() throws Exception {
        String old = "{\"dataset\":\"dsprites:size=32\",\"pairsPerFactor\":20,\"latentSamples\":20,"
                + "\"metricTrain\":60,\"metricTest\":40,\"seed\":1,\"hooks\":[]}";
        assertEquals(new AnalysisRequest("dsprites:size=32", 20, 20, 60, 40, 1, List.of()),
                new ObjectMapper().readValue(old, AnalysisRequest.class));
    }

    @Test
    void aDatasetFileIsKeptAsFormatAtPath() throws Exception {
        AnalysisRequest remembered = new AnalysisRequest("dsprites-npz@/data/dsprites.npz", 20, 20, 60, 40, 1,
                List.of());
        Opened dialog = new Opened(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), remembered);
        dialog.open();
        dialog.pressOk();
        assertEquals(remembered, dialog.request());
    }
}
