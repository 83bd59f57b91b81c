package org.vaescope.core.readout;

/**
 * How {@link FactorReadouts} are trained.
 *
 * @param trainSamples  images drawn from the dataset to train on
 * @param testSamples   further images, drawn after the training ones, for the held-out accuracy
 * @param hidden        width of the hidden ReLU layer
 * @param epochs        passes over the training images
 * @param batchSize     minibatch size
 * @param learningRate  Adam step size
 * @param maxSide       images are average-pooled by the smallest integer factor that brings each
 *                      side to at most this many pixels
 * @param seed          seed of the data draw, the initial weights and the minibatch order
 */
public record ReadoutSettings(int trainSamples, int testSamples, int hidden, int epochs, int batchSize,
        double learningRate, int maxSide, long seed) {

    public ReadoutSettings {
        positive("trainSamples", trainSamples);
        positive("testSamples", testSamples);
        positive("hidden", hidden);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("maxSide", maxSide);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("read-out learningRate must be a positive number, got " + learningRate);
        }
    }

    /** Defaults: 3000 train / 1000 test images, 96 hidden units, 10 epochs, batch 64, lr 3e-3, side ≤ 16. */
    public static ReadoutSettings defaults(long seed) {
        return new ReadoutSettings(3000, 1000, 96, 10, 64, 3e-3, 16, seed);
    }

    /** A copy with other sample counts. */
    public ReadoutSettings withSamples(int train, int test) {
        return new ReadoutSettings(train, test, hidden, epochs, batchSize, learningRate, maxSide, seed);
    }

    /** A copy with another number of epochs. */
    public ReadoutSettings withEpochs(int newEpochs) {
        return new ReadoutSettings(trainSamples, testSamples, hidden, newEpochs, batchSize, learningRate, maxSide, seed);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("read-out " + name + " must be at least 1, got " + value);
        }
    }
}
