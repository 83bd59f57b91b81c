package org.vaescope.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.hooks.RunOptions;
import org.vaescope.core.hooks.RunResult;
import org.vaescope.core.runtime.Floats;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.TinyBarsDataset;
import org.vaescope.core.vae.VaeModel;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/** Round trips of .vsm files and the documented errors for broken ones. */
class ModelFileTest {

    @TempDir
    static Path dir;
    static VaeModel model;
    static ModelMetadata metadata;
    static Path good;

    @BeforeAll
    static void save() throws Exception {
        VariantConfig variant = VariantConfig.of(Variant.DIP_VAE_II).with("lambdaOd", 3);
        model = VaeModel.create(new Architecture(Architecture.Kind.CONV, 1, 16, 16, 4, new int[] {4, 4, 8, 8, 16}),
                variant, Likelihood.BERNOULLI, 17);
        metadata = ModelMetadata.of(variant, model.architecture(), Likelihood.BERNOULLI, "tinybars16",
                List.of("shape", "posX", "posY"), 1234, 99, 64, 1e-4, Map.of("loss", 12.5, "kl", 3.0));
        good = dir.resolve("good.vsm");
        ModelFile.save(good, model, metadata);
    }

    @Test
    void savedThenLoadedModelGivesIdenticalActivations() throws Exception {
        SavedModel loaded = ModelFile.load(good);
        assertEquals(metadata, loaded.metadata());
        assertEquals(model.architecture(), loaded.model().architecture());
        assertEquals(3.0, loaded.model().variant().get("lambdaOd"));
        INDArray x = Floats.array(new TinyBarsDataset(16).renderAll(new int[][] {{0, 1, 2}, {1, 5, 7}}), 2, 1, 16, 16);
        RunResult before = model.run(x, RunOptions.defaults().captureAll());
        RunResult after = loaded.model().run(x, RunOptions.defaults().captureAll());
        for (HookPoint hook : model.hookPoints()) {
            assertArrayEquals(Floats.of(before.activation(hook.name())), Floats.of(after.activation(hook.name())), 0f,
                    hook.name());
        }
        assertEquals(metadata, ModelFile.readMetadata(good));
    }

    /** Copies {@code good} to {@code name}, passing every entry through {@code edit} (null drops it). */
    static Path rewrite(String name, BiFunction<String, byte[], byte[]> edit) throws IOException {
        Path out = dir.resolve(name);
        try (ZipFile zip = new ZipFile(good.toFile()); OutputStream os = Files.newOutputStream(out);
                ZipOutputStream zos = new ZipOutputStream(os)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                byte[] edited = edit.apply(e.getName(), bytes);
                if (edited != null) {
                    zos.putNextEntry(new ZipEntry(e.getName()));
                    zos.write(edited);
                    zos.closeEntry();
                }
            }
        }
        return out;
    }

    static BiFunction<String, byte[], byte[]> editMetadata(String from, String to) {
        return (name, bytes) -> {
            if (!name.equals("metadata.json")) {
                return bytes;
            }
            String json = new String(bytes, StandardCharsets.UTF_8);
            assertTrue(json.contains(from), "metadata contains " + from);
            return json.replace(from, to).getBytes(StandardCharsets.UTF_8);
        };
    }

    static String loadError(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertEquals(file, e.file());
        return e.problem();
    }

    @Test
    void wrongFormatVersion() throws Exception {
        Path file = rewrite("version.vsm", editMetadata("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
        assertEquals("unsupported format version 7 (this version of VAEScope reads version 1)", loadError(file));
    }

    @Test
    void missingWeightEntry() throws Exception {
        Path file = rewrite("missing.vsm", (name, bytes) -> name.equals("weights/latent.mu.W.f32") ? null : bytes);
        assertEquals("missing entry 'weights/latent.mu.W.f32'", loadError(file));
        Path noMetadata = rewrite("nometa.vsm", (name, bytes) -> name.equals("metadata.json") ? null : bytes);
        assertEquals("missing entry 'metadata.json'", loadError(noMetadata));
    }

    @Test
    void missingMetadataKey() throws Exception {
        Path file = rewrite("key.vsm", editMetadata("\"latentSize\" : 4,", ""));
        assertEquals("metadata.json: missing key 'architecture.latentSize'", loadError(file));
    }

    @Test
    void nanWeights() throws Exception {
        Path file = rewrite("nan.vsm", (name, bytes) -> {
            if (name.equals("weights/decoder.fc1.W.f32")) {
                java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
            }
            return bytes;
        });
        assertEquals("parameter 'decoder.fc1.W' contains NaN or infinite weights (first at index 2)", loadError(file));
    }

    @Test
    void shapeMismatch() throws Exception {
        Path wrongBytes = rewrite("bytes.vsm", (name, bytes) -> name.equals("weights/latent.mu.b.f32")
                ? java.util.Arrays.copyOf(bytes, bytes.length - 4) : bytes);
        assertEquals("shape mismatch: entry 'weights/latent.mu.b.f32' holds 12 bytes, expected 16 for shape [1, 4]",
                loadError(wrongBytes));
        Path wrongImage = rewrite("image.vsm", editMetadata("\"imageShape\" : [ 1, 16, 16 ]",
                "\"imageShape\" : [ 3, 16, 16 ]"));
        assertEquals("shape mismatch: imageShape [3, 16, 16] disagrees with the architecture's [1, 16, 16]",
                loadError(wrongImage));
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] all = Files.readAllBytes(good);
        Path file = dir.resolve("truncated.vsm");
        Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        assertTrue(loadError(file).startsWith("truncated or corrupt zip archive"));
    }

    @Test
    void textFileAndMissingFile() throws Exception {
        Path text = dir.resolve("notes.vsm");
        Files.writeString(text, "this is not a model\n");
        assertEquals("not a VAEScope model file (not a zip archive)", loadError(text));
        assertEquals("no such file — check the path", loadError(dir.resolve("absent.vsm")));
    }
}
