package org.vaescope.core.imports;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaescope.core.imports.OnnxFixtures.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;

/** Graphs VAEScope cannot import fail with a message naming the file and the node or tensor at fault. */
class OnnxImportErrorTest {

    @TempDir
    Path dir;

    @Test
    void anUnsupportedOperatorIsNamedWithItsNode() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxImport.open(file("encoder.onnx"), file("unsupported_op.onnx")));
        assertMentions(e, "'/Erf'", "operator 'Erf'", "unsupported_op.onnx", "supported: Add");
    }

    @Test
    void aDynamicImageSizeIsRefused() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxImport.open(file("dynamic_reshape.onnx"), file("decoder.onnx")));
        assertMentions(e, "dynamic_reshape.onnx", "input 'image'", "'height'", "dynamic shape");
    }

    @Test
    void aTruncatedFileIsReportedAsSuch() throws Exception {
        byte[] whole = Files.readAllBytes(file("vae.onnx"));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> OnnxImport.open(truncated));
        assertMentions(e, "truncated.onnx", "truncated");
        ModelLoadException described = assertThrows(ModelLoadException.class, () -> ModelInspector.describe(truncated));
        assertMentions(described, "truncated.onnx", "truncated");
    }

    @Test
    void missingExternalDataNamesTheTensorAndTheFile() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxImport.open(file("external_data.onnx"), file("decoder.onnx")));
        assertMentions(e, "external_data.onnx", "'conv1.weight'", "'external_data.bin'", "missing");
    }

    @Test
    void anEncoderWithoutNamedLatentsIsRefused() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxImport.open(file("decoder.onnx"), file("decoder.onnx")));
        assertMentions(e, "decoder.onnx", "[logits]", "'mu'");
    }

    static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks " + part + ": " + e.getMessage());
        }
    }
}
