package org.vaescope.core.training;

import java.nio.file.Path;
import org.vaescope.core.vae.Architecture;
import org.vaescope.core.vae.Likelihood;
import org.vaescope.core.vae.Variant;
import org.vaescope.core.vae.VariantConfig;

/**
 * Everything that defines a training run besides the dataset. Build with {@link #builder}.
 * Defaults: spec's Adam lr 1e-4, batch 64, latent size 10, architecture chosen from the dataset
 * ({@link Architecture#defaultFor}), {@link Likelihood#DEFAULT}, progress every 10 steps, no
 * checkpoints.
 */
public final class TrainingConfig {

    private final VariantConfig variant;
    private final Architecture architecture;
    private final int latentSize;
    private final Likelihood likelihood;
    private final int steps;
    private final int batchSize;
    private final double learningRate;
    private final long seed;
    private final int progressEvery;
    private final int checkpointEvery;
    private final Path checkpointFile;

    private TrainingConfig(Builder b) {
        this.variant = b.variant;
        this.architecture = b.architecture;
        this.latentSize = b.architecture != null ? b.architecture.latentSize() : b.latentSize;
        this.likelihood = b.likelihood;
        this.steps = b.steps;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
        this.progressEvery = b.progressEvery;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointFile = b.checkpointFile;
    }

    public static Builder builder(VariantConfig variant) {
        return new Builder(variant);
    }

    public static Builder builder(Variant variant) {
        return new Builder(VariantConfig.of(variant));
    }

    public VariantConfig variant() {
        return variant;
    }

    /** The architecture, or null to choose one from the dataset's image shape. */
    public Architecture architecture() {
        return architecture;
    }

    public int latentSize() {
        return latentSize;
    }

    /** The likelihood, or null for {@link Likelihood#DEFAULT}. */
    public Likelihood likelihood() {
        return likelihood;
    }

    public int steps() {
        return steps;
    }

    public int batchSize() {
        return batchSize;
    }

    public double learningRate() {
        return learningRate;
    }

    public long seed() {
        return seed;
    }

    public int progressEvery() {
        return progressEvery;
    }

    /** Steps between checkpoints (0 = none). */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Where checkpoints are written (each overwrites the previous), or null. */
    public Path checkpointFile() {
        return checkpointFile;
    }

    /** Builder with validation in {@link #build()}. */
    public static final class Builder {
        private final VariantConfig variant;
        private Architecture architecture;
        private int latentSize = 10;
        private Likelihood likelihood;
        private int steps = 1000;
        private int batchSize = 64;
        private double learningRate = 1e-4;
        private long seed;
        private int progressEvery = 10;
        private int checkpointEvery;
        private Path checkpointFile;

        private Builder(VariantConfig variant) {
            if (variant == null) {
                throw new IllegalArgumentException("a variant is required");
            }
            this.variant = variant;
        }

        public Builder architecture(Architecture value) {
            architecture = value;
            return this;
        }

        /** Latent size used when the architecture is chosen from the dataset. */
        public Builder latentSize(int value) {
            latentSize = value;
            return this;
        }

        public Builder likelihood(Likelihood value) {
            likelihood = value;
            return this;
        }

        public Builder steps(int value) {
            steps = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder progressEvery(int value) {
            progressEvery = value;
            return this;
        }

        /** Writes a checkpoint to {@code file} every {@code everySteps} steps. */
        public Builder checkpoints(int everySteps, Path file) {
            checkpointEvery = everySteps;
            checkpointFile = file;
            return this;
        }

        public TrainingConfig build() {
            require(steps >= 0, "steps must be >= 0, got " + steps);
            require(batchSize >= 2, "batch size must be >= 2, got " + batchSize);
            require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got "
                    + learningRate);
            require(latentSize >= 1, "latent size must be >= 1, got " + latentSize);
            require(progressEvery >= 1, "progressEvery must be >= 1, got " + progressEvery);
            require(checkpointEvery >= 0, "checkpointEvery must be >= 0, got " + checkpointEvery);
            require(checkpointEvery == 0 || checkpointFile != null, "checkpoints need a file");
            return new TrainingConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
