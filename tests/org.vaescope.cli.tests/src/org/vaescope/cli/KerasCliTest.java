package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code describe}, {@code analyse} and {@code run} on a Keras VAE saved as two {@code .h5} files. */
class KerasCliTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @BeforeEach
    void placeTheKerasFiles() throws Exception {
        Files.copy(ImportedModelCliTest.fixture("keras", "keras_encoder.h5"), dir.resolve("vae_encoder.h5"));
        Files.copy(ImportedModelCliTest.fixture("keras", "keras_decoder.h5"), dir.resolve("vae_decoder.h5"));
    }

    @Test
    void describeShowsTheWholeVaeWithTheKerasLayerNames() {
        assertEquals(0, cli.run("describe", dir.resolve("vae_encoder.h5").toString()), cli.err());
        for (String hook : new String[] {"Keras HDF5 model", "encoder.act2 (act2)", "latent.z", "decoder.act1 (act1)",
            "output.logits (logits)"}) {
            assertTrue(cli.out().contains(hook), hook + " in " + cli.out());
        }
    }

    @Test
    void analyseWritesTheAnalysisOfTheKerasModel() throws Exception {
        Path analysis = dir.resolve("keras.vsa");
        assertEquals(0, cli.run("analyse", dir.resolve("vae_encoder.h5").toString(), "--dataset", "dsprites:size=32",
                "--quick", "--out", analysis.toString()), cli.err());
        String json = Files.readString(analysis);
        assertTrue(json.contains("decoder.act1"), "the import's hooks are analysed");
        assertTrue(cli.out().contains("disentanglement score (MIG)"), cli.out());
    }

    @Test
    void aScriptRunsOnTheKerasModel() throws Exception {
        Path script = Files.writeString(dir.resolve("keras.vis"), """
                model "vae_encoder.h5" decoder "vae_decoder.h5" as keras
                dataset dsprites(size=32)
                seed 3
                patch encoder.act2 channels 0..3 from (shape=heart) into (shape=square) measure latent 1
                mediate factor scale from 0 to 5 through decoder.act1 units all
                """);
        assertEquals(0, cli.run("run", script.toString(), "--quick"), cli.err() + cli.out());
        assertTrue(cli.out().contains("fraction restored"), cli.out());
    }

    @Test
    void aFileThatIsNotHdf5IsAClearError() throws Exception {
        Path notAModel = Files.copy(ImportedModelCliTest.fixture("keras", "keras_probes.npz"), dir.resolve("probe.h5"));
        assertEquals(1, cli.run("describe", notAModel.toString()));
        assertTrue(cli.err().contains("probe.h5") && cli.err().contains("HDF5"), cli.err());
    }
}
