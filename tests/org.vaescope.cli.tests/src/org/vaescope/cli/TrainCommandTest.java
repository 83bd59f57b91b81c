package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.Variant;

/** {@code train} and {@code describe}: options, training to a file, describing it, usage errors. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return VaescopeCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainsSavesAndDescribes() throws Exception {
        Path model = dir.resolve("m.vsm");
        assertEquals(0, run("train", "--variant", "factor-vae", "--dataset", "dsprites:size=16", "--steps", "4",
                "--seed", "3", "--batch", "8", "--lr", "0.001", "--latent", "3", "--hidden", "32,16", "--set",
                "gamma=20", "--set", "discriminatorLayers=1", "--set", "discriminatorUnits=8", "--progress-every", "2",
                "--out", model.toString()), err());
        assertTrue(out().contains("step 2/4 loss "), out());
        assertTrue(out().contains("step 4/4 loss "), out());
        ModelMetadata m = ModelFile.readMetadata(model);
        assertEquals(Variant.FACTOR_VAE, m.variant().variant());
        assertEquals(20.0, m.variant().get("gamma"));
        assertEquals(4, m.trainingSteps());
        assertEquals(3, m.seed());
        assertEquals(8, m.batchSize());
        assertEquals(3, m.latentSize());

        assertEquals(0, run("describe", model.toString()), err());
        String text = out();
        assertTrue(text.contains("variant         factorvae"), text);
        assertTrue(text.matches("(?s).*latent\\.mu\\s+3\\s+dense.*"), text);
        assertTrue(text.matches("(?s).*output\\.logits\\s+1x16x16\\s+dense.*"), text);
    }

    @Test
    void badArgumentsGiveUsageErrorsBeforeAnyTraining() throws Exception {
        assertEquals(2, run("train", "--variant", "vae", "--dataset", "dsprites"));
        assertTrue(err().contains("Missing required option: '--out=FILE.vsm'"), err());
        assertFalse(Files.exists(Path.of("x.vsm")));
        assertEquals(2, run("train", "--variant", "wae", "--dataset", "dsprites", "--out", "x.vsm"));
        assertTrue(err().contains("unknown VAE variant 'wae'"), err());
        assertEquals(2, run("train", "--variant", "vae", "--dataset", "dsprites", "--steps", "ten", "--out", "x.vsm"));
        assertTrue(err().contains("'ten' is not a long"), err());
        assertEquals(2, run("train", "--variant", "vae", "--dataset", "dsprites", "--steps", "0", "--out", "x.vsm"));
        assertTrue(err().contains("option --steps needs a whole number in 1..10000000, got 0"), err());
        assertEquals(2, run("train", "--variant", "vae", "--dataset", "dsprites", "--hidden", "65537", "--out", "x.vsm"));
        assertTrue(err().contains("option --hidden needs a whole number in 1..65536, got 65537"), err());
        assertEquals(2, run("train", "--variant", "vae", "--dataset", "dsprites", "--set", "beta=Infinity", "--out",
                "x.vsm"));
        assertTrue(err().contains("--set beta needs a finite number, got 'Infinity'"), err());
        assertEquals(2, run("train", "--variant", "vae", "--dataset", "dsprites", "--out", "x.vsm", "--color", "red"));
        assertTrue(err().contains("usage error: ") && err().contains("'--color'"), err());
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTraining() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("taken.vsm"));
        assertEquals(1, run("train", "--variant", "vae", "--dataset", "dsprites:size=16", "--steps", "100000",
                "--out", folder.toString()));
        assertEquals(folder + ": exists and is not a regular file (a folder, link or device) — choose another output "
                + "file", err().strip());
        assertFalse(out().contains("step"), out());
    }

    @Test
    void describeOfATextFileNamesTheFileAndTheProblem() throws Exception {
        Path text = Files.writeString(dir.resolve("t.vsm"), "hello");
        assertEquals(1, run("describe", text.toString()));
        assertTrue(err().startsWith(text + ": not a VAEScope model file"), err());
    }
}
