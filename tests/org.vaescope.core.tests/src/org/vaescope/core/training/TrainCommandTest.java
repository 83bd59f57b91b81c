package org.vaescope.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.store.ModelFile;
import org.vaescope.core.store.ModelMetadata;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.Variant;

/** Argument parsing, training to a file and describing it. */
class TrainCommandTest {

    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final TrainCommand command = new TrainCommand(TrainCommandTest::dataset,
            new PrintStream(outBytes, true, StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));

    static FactorDataset dataset(String name) {
        return name.equals("bars16") ? new TinyBarsDataset(16) : null;
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainsSavesAndDescribes(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.vsm");
        int code = command.run("train", "--variant", "factor-vae", "--dataset", "bars16", "--steps", "4", "--seed", "3",
                "--batch", "8", "--lr", "0.001", "--latent", "3", "--hidden", "32,16", "--set", "gamma=20",
                "--set", "discriminatorLayers=1", "--set", "discriminatorUnits=8", "--progress-every", "2",
                "--out", model.toString());
        assertEquals(0, code, err());
        assertTrue(out().contains("step 2/4 loss "), out());
        assertTrue(out().contains("step 4/4 loss "), out());
        ModelMetadata m = ModelFile.readMetadata(model);
        assertEquals(Variant.FACTOR_VAE, m.variant().variant());
        assertEquals(20.0, m.variant().get("gamma"));
        assertEquals(4, m.trainingSteps());
        assertEquals(3, m.seed());
        assertEquals(8, m.batchSize());
        assertEquals(3, m.latentSize());
        outBytes.reset();
        assertEquals(0, command.run("describe", model.toString()), err());
        String text = out();
        assertTrue(text.contains("variant         factorvae"), text);
        assertTrue(text.contains("dataset         tinybars16 factors [shape, posX, posY]"), text);
        assertTrue(text.matches("(?s).*latent\\.mu\\s+3\\s+dense.*"), text);
        assertTrue(text.matches("(?s).*output\\.logits\\s+1x16x16\\s+dense.*"), text);
    }

    @Test
    void badArgumentsGiveUsageErrors(@TempDir Path dir) throws Exception {
        assertEquals(2, command.run("train", "--variant", "vae", "--dataset", "bars16"));
        assertTrue(err().contains("train needs --out"), err());
        errBytes.reset();
        assertEquals(2, command.run("train", "--variant", "vae", "--dataset", "nope", "--out", "x.vsm"));
        assertTrue(err().contains("unknown dataset 'nope'"), err());
        errBytes.reset();
        assertEquals(2, command.run("train", "--variant", "wae", "--dataset", "bars16", "--out", "x.vsm"));
        assertTrue(err().contains("unknown VAE variant 'wae'"), err());
        errBytes.reset();
        assertEquals(2, command.run("train", "--variant", "vae", "--dataset", "bars16", "--steps", "ten",
                "--out", "x.vsm"));
        assertTrue(err().contains("--steps expects an integer, got 'ten'"), err());
        errBytes.reset();
        assertEquals(2, command.run("train", "--variant", "vae", "--color", "red"));
        assertTrue(err().contains("unknown option '--color'"), err());
        errBytes.reset();
        Path text = dir.resolve("t.vsm");
        Files.writeString(text, "hello");
        assertEquals(1, command.run("describe", text.toString()));
        assertTrue(err().contains("not a VAEScope model file"), err());
    }
}
