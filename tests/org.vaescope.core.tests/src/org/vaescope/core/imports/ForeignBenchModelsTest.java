package org.vaescope.core.imports;

import static org.vaescope.core.imports.OnnxImportTest.assertClose;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.vae.VaeHooks;

/**
 * Writes the import benchmark's DL4J and SameDiff copies of its ONNX model ({@code ./vaescope benchmark
 * import DIR}) and checks them: run with {@code -Dvaescope.writeBenchModels=DIR} in the test JVM's arguments,
 * DIR holding {@code bench_encoder.onnx} and {@code bench_decoder.onnx} from
 * {@code releng/fixtures/export_onnx.py --bench DIR}. Skipped without that property.
 */
class ForeignBenchModelsTest {

    @Test
    @EnabledIfSystemProperty(named = "vaescope.writeBenchModels", matches = ".+")
    void theBenchmarksDl4jAndSameDiffCopiesComputeWhatItsOnnxImportComputes() throws Exception {
        Path dir = Path.of(System.getProperty("vaescope.writeBenchModels"));
        ImportedVae onnx = OnnxImport.open(dir.resolve("bench_encoder.onnx"), dir.resolve("bench_decoder.onnx"));
        ConvVaeShape shape = ConvVaeShape.BENCH;
        Dl4jFixtures.save(Dl4jFixtures.encoder(onnx.graph(), shape, "mu", "logvar"), dir.resolve("bench_encoder.zip"));
        Dl4jFixtures.save(Dl4jFixtures.decoder(onnx.graph(), shape), dir.resolve("bench_decoder.zip"));
        SameDiffFixtures.save(SameDiffFixtures.encoder(onnx.graph(), shape, "mu", "logvar"),
                dir.resolve("bench_encoder.fb"));
        SameDiffFixtures.save(SameDiffFixtures.decoder(onnx.graph(), shape), dir.resolve("bench_decoder.fb"));

        Nd4j.getRandom().setSeed(5);
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, shape.side(), shape.side());
        RunResult expected = onnx.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU));
        for (String extension : new String[] {".zip", ".fb"}) {
            ImportedVae copy = (ImportedVae) VaeFiles.open(dir.resolve("bench_encoder" + extension)).model();
            RunResult run = copy.run(images, RunOptions.defaults().capture(VaeHooks.LATENT_MU));
            assertClose(expected.activation(VaeHooks.LATENT_MU), run.activation(VaeHooks.LATENT_MU));
            assertClose(expected.output(), run.output());
        }
    }
}
