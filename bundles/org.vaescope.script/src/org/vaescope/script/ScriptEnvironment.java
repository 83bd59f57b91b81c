package org.vaescope.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the checker and the completion engine may know beyond the language itself: the model's hook
 * points and latent size, the dataset's factors, the dataset generators, the files of the script
 * folder and the sandbox. Every method has a default that means "unknown", so
 * {@link #languageOnly()} checks a script against the language alone.
 */
public interface ScriptEnvironment {

    /** The model the script will run on, when known. */
    default Optional<ModelInfo> model() {
        return Optional.empty();
    }

    /** The factors of the script's dataset, when known; otherwise built-in generators may tell. */
    default Optional<DatasetInfo> dataset() {
        return Optional.empty();
    }

    /** The dataset generators that {@code dataset NAME(...)} may name. */
    default List<GeneratorInfo> datasetGenerators() {
        return ScriptLanguage.BUILT_IN_GENERATORS;
    }

    /** Paths (relative to the script folder, '/'-separated) of the files a script may name, for completion. */
    default List<String> scriptFolderFiles() {
        return List.of();
    }

    /** The sandbox that resolves file names against the script and output folders, when known. */
    default Optional<SandboxPaths> sandbox() {
        return Optional.empty();
    }

    /** An environment that knows nothing beyond the language and its built-in generators. */
    static ScriptEnvironment languageOnly() {
        return new ScriptEnvironment() {
        };
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * A model's shape: its latent size and its hook points (dotted names, in network order) with their
     * unit counts (channels for convolutional layers).
     */
    record ModelInfo(int latentSize, Map<String, Integer> hookPoints) {
        public ModelInfo {
            if (latentSize < 1) {
                throw new IllegalArgumentException("latent size must be at least 1, got " + latentSize);
            }
            hookPoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hookPoints));
        }
    }

    /**
     * One factor of a dataset: its name, its class count, optional value labels (one per class, e.g.
     * square/ellipse/heart) and optional values (one per class).
     */
    record FactorInfo(String name, int classCount, List<String> labels, List<Double> values) {
        public FactorInfo {
            Objects.requireNonNull(name, "factor name");
            labels = List.copyOf(labels);
            values = List.copyOf(values);
            if (!labels.isEmpty() && labels.size() != classCount) {
                throw new IllegalArgumentException("factor '" + name + "' has " + classCount + " classes but "
                        + labels.size() + " labels");
            }
            if (!values.isEmpty() && values.size() != classCount) {
                throw new IllegalArgumentException("factor '" + name + "' has " + classCount + " classes but "
                        + values.size() + " values");
            }
        }

        /** A factor whose values are the given numbers and which has no labels. */
        public static FactorInfo ofValues(String name, double... values) {
            List<Double> list = new ArrayList<>();
            for (double v : values) {
                list.add(v);
            }
            return new FactorInfo(name, values.length, List.of(), list);
        }
    }

    /** The factors of a dataset, in order. */
    record DatasetInfo(List<FactorInfo> factors) {
        public DatasetInfo {
            factors = List.copyOf(factors);
        }

        public Optional<FactorInfo> factor(String name) {
            return factors.stream().filter(f -> f.name().equals(name)).findFirst();
        }

        public List<String> factorNames() {
            return factors.stream().map(FactorInfo::name).toList();
        }
    }

    /** The type of a generator parameter's value. */
    enum ParameterType {
        INTEGER, NUMBER, NAME, STRING
    }

    /** One parameter of a dataset generator. */
    record ParameterInfo(String name, ParameterType type, String description) {
    }

    /**
     * A built-in dataset generator: its name, a one-line description, its parameters and, when fixed
     * by the generator, its factors (null otherwise).
     */
    record GeneratorInfo(String name, String description, List<ParameterInfo> parameters, DatasetInfo factors) {
        public GeneratorInfo {
            parameters = List.copyOf(parameters);
        }

        public Optional<ParameterInfo> parameter(String parameterName) {
            return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
        }
    }

    /** Builds an environment from the parts that are known. */
    final class Builder {
        private ModelInfo model;
        private DatasetInfo dataset;
        private List<GeneratorInfo> generators = ScriptLanguage.BUILT_IN_GENERATORS;
        private Supplier<List<String>> files = List::of;
        private SandboxPaths sandbox;

        public Builder model(ModelInfo modelInfo) {
            this.model = modelInfo;
            return this;
        }

        public Builder dataset(DatasetInfo datasetInfo) {
            this.dataset = datasetInfo;
            return this;
        }

        public Builder generators(List<GeneratorInfo> generatorInfos) {
            this.generators = List.copyOf(generatorInfos);
            return this;
        }

        /** The supplier is asked each time completion proposes file names. */
        public Builder files(Supplier<List<String>> scriptFolderFiles) {
            this.files = Objects.requireNonNull(scriptFolderFiles);
            return this;
        }

        public Builder sandbox(SandboxPaths sandboxPaths) {
            this.sandbox = sandboxPaths;
            return this;
        }

        public ScriptEnvironment build() {
            ModelInfo m = model;
            DatasetInfo d = dataset;
            List<GeneratorInfo> g = generators;
            Supplier<List<String>> f = files;
            SandboxPaths s = sandbox;
            return new ScriptEnvironment() {
                @Override
                public Optional<ModelInfo> model() {
                    return Optional.ofNullable(m);
                }

                @Override
                public Optional<DatasetInfo> dataset() {
                    return Optional.ofNullable(d);
                }

                @Override
                public List<GeneratorInfo> datasetGenerators() {
                    return g;
                }

                @Override
                public List<String> scriptFolderFiles() {
                    List<String> listed = f.get();
                    return listed == null ? List.of() : listed;
                }

                @Override
                public Optional<SandboxPaths> sandbox() {
                    return Optional.ofNullable(s);
                }
            };
        }
    }
}
