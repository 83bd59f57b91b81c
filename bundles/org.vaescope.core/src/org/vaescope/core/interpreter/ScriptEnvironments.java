package org.vaescope.core.interpreter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.vaescope.core.data.CausalShapesDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.internal.interpreter.FactorValues;
import org.vaescope.core.internal.interpreter.ScriptDatasets;
import org.vaescope.script.SandboxException;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.ScriptEnvironment.DatasetInfo;
import org.vaescope.script.ScriptEnvironment.GeneratorInfo;
import org.vaescope.script.ScriptEnvironment.ModelInfo;
import org.vaescope.script.ScriptLanguage;
import org.vaescope.script.parser.ScriptParser;
import org.vaescope.script.ast.Statement;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.vae.HookedVae;

/**
 * Builds the {@link ScriptEnvironment} of a script from what can be loaded: the hook points and latent
 * size of its model (for a {@code compare} block, the hook points all models share, with the smallest
 * unit counts), the factors of its dataset, the files of its folder and the sandbox. What cannot be
 * loaded (a missing or broken model file, an unreadable data file) stays unknown, so the checker
 * simply does not check it. Loaded models are cached by file, size and modification time.
 */
public final class ScriptEnvironments {

    private static final int MAX_LISTED_FILES = 500;
    private static final Map<String, Object> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > 16;
        }
    };

    private ScriptEnvironments() {
    }

    /** The environment of a script file, reading its text; outputs resolve in {@code outputFolder}. */
    public static ScriptEnvironment forScript(Path scriptFile, Path outputFolder) {
        String text;
        try {
            text = Files.readString(scriptFile, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        return forScript(scriptFile, text, outputFolder);
    }

    /** The environment of a script with this text (e.g. an editor's unsaved buffer). */
    public static ScriptEnvironment forScript(Path scriptFile, String text, Path outputFolder) {
        Path folder = scriptFile.toAbsolutePath().getParent();
        SandboxPaths sandbox = new SandboxPaths(folder, outputFolder == null ? folder : outputFolder);
        Script script = ScriptParser.parse(text).script();
        return ScriptEnvironment.builder()
                .model(modelInfo(script, sandbox).orElse(null))
                .dataset(datasetInfo(script, sandbox).orElse(null))
                .generators(generators())
                .files(() -> listFiles(folder))
                .sandbox(sandbox)
                .build();
    }

    /** The latent size and hook points (without the input) of a model. */
    public static ModelInfo modelInfo(HookedVae model) {
        Map<String, Integer> hooks = new LinkedHashMap<>();
        for (HookPoint h : model.hookPoints()) {
            if (!h.name().equals(model.inputHook())) {
                hooks.put(h.name(), h.units());
            }
        }
        return new ModelInfo(model.latentSize(), hooks);
    }

    /** The built-in generators, with the causal dataset's factors filled in. */
    public static List<GeneratorInfo> generators() {
        List<GeneratorInfo> generators = new ArrayList<>();
        for (GeneratorInfo g : ScriptLanguage.BUILT_IN_GENERATORS) {
            generators.add(g.factors() == null && g.name().equals("causal")
                    ? new GeneratorInfo(g.name(), g.description(), g.parameters(),
                            FactorValues.describe(new CausalShapesDataset()))
                    : g);
        }
        return generators;
    }

    private static Optional<ModelInfo> modelInfo(Script script, SandboxPaths sandbox) {
        List<ModelInfo> infos = new ArrayList<>();
        for (Statement.Model m : script.models()) {
            Optional<ModelInfo> info = load(m, sandbox);
            if (info.isEmpty()) {
                return Optional.empty();
            }
            infos.add(info.get());
        }
        if (infos.isEmpty()) {
            return Optional.empty();
        }
        int latentSize = infos.stream().mapToInt(ModelInfo::latentSize).min().orElseThrow();
        Map<String, Integer> shared = new LinkedHashMap<>(infos.get(0).hookPoints());
        for (ModelInfo info : infos.subList(1, infos.size())) {
            shared.keySet().retainAll(info.hookPoints().keySet());
            shared.replaceAll((hook, units) -> Math.min(units, info.hookPoints().get(hook)));
        }
        return Optional.of(new ModelInfo(latentSize, shared));
    }

    private static Optional<ModelInfo> load(Statement.Model model, SandboxPaths sandbox) {
        try {
            Path file = sandbox.resolveInput(model.path().value());
            Path decoder = model.decoder() == null ? null : sandbox.resolveInput(model.decoder().value());
            if (!Files.isRegularFile(file) || (decoder != null && !Files.isRegularFile(decoder))) {
                return Optional.empty();
            }
            String key = "model|" + fileKey(file) + (decoder == null ? "" : "|" + fileKey(decoder));
            ModelInfo cached = cached(key, ModelInfo.class);
            if (cached != null) {
                return Optional.of(cached);
            }
            ModelInfo info = modelInfo(VaeFiles.open(file, decoder).model());
            cache(key, info);
            return Optional.of(info);
        } catch (SandboxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<DatasetInfo> datasetInfo(Script script, SandboxPaths sandbox) {
        Optional<Statement> statement = script.dataset();
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        try {
            String key = null;
            if (statement.get() instanceof Statement.FileDataset file) {
                // data files can be large: read each version once
                key = "data|" + file.format().text() + "|" + fileKey(sandbox.resolveInput(file.path().value()));
                DatasetInfo cached = cached(key, DatasetInfo.class);
                if (cached != null) {
                    return Optional.of(cached);
                }
            }
            DatasetInfo info = FactorValues.describe(ScriptDatasets.open(statement.get(), sandbox));
            if (key != null) {
                cache(key, info);
            }
            return Optional.of(info);
        } catch (SandboxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String fileKey(Path file) throws IOException {
        return file + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
    }

    private static <T> T cached(String key, Class<T> type) {
        synchronized (CACHE) {
            Object value = CACHE.get(key);
            return type.isInstance(value) ? type.cast(value) : null;
        }
    }

    private static void cache(String key, Object value) {
        synchronized (CACHE) {
            CACHE.put(key, value);
        }
    }

    private static List<String> listFiles(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, 3)) {
            return files.filter(Files::isRegularFile).limit(MAX_LISTED_FILES)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
