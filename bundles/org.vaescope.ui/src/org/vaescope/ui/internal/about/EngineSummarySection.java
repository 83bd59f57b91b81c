package org.vaescope.ui.internal.about;

import java.io.PrintWriter;
import org.eclipse.ui.about.ISystemSummarySection;
import org.vaescope.core.runtime.Nd4jRuntime;

/**
 * The engine's line in Help > About > Installation Details > Configuration: which ND4J native build
 * (oneDNN or plain) this installation runs. It never starts ND4J itself, since the page is built on
 * the UI thread and a first start loads several hundred MB of natives.
 */
public final class EngineSummarySection implements ISystemSummarySection {

    @Override
    public void write(PrintWriter writer) {
        writer.println("ND4J natives: " + Nd4jRuntime.nativesChoice());
        writer.println("ND4J backend: " + (Nd4jRuntime.isStarted()
                ? Nd4jRuntime.backendName()
                : "not started in this session (it starts with the first analysis, script run or model load)"));
    }
}
