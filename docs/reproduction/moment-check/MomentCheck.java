import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.interventions.LatentPerturbation;
import org.vaescope.core.interventions.Pairs;
import org.vaescope.core.pipeline.Reproduction;

/**
 * An implied-graph entry k → l of a dSprites model measured without read-outs (docs/results.md,
 * negative control, tenth session): scale by the decoded sprite's mass Σp, posX and posY by its
 * centroid. Same shifts, crosstalk rule and confidence rule as the analysis, with moments for read-outs.
 *
 * <pre>
 * java -cp CLASSPATH MomentCheck.java MODEL.vsm CAUSE EFFECT CARRIER[,CARRIER...]
 * </pre>
 * CLASSPATH is the one the last line of ./vaescope builds.
 */
public class MomentCheck {

    private static final int N = 500;
    private static final double[] DELTAS = {-2, -1, 1, 2};
    /** The factor indices of scale, posX and posY, where {@link #moments} puts mass and centroid. */
    private static int[] slots;

    public static void main(String[] args) throws Exception {
        LatentPerturbation model = LatentPerturbation.forVae(VaeFiles.open(Path.of(args[0])).model());
        FactorDataset data = Reproduction.dataset("dsprites", 32);
        List<String> names = data.factors().stream().map(f -> f.name()).toList();
        int cause = names.indexOf(args[1]);
        int effect = names.indexOf(args[2]);
        int[] carriers = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();

        slots = new int[] {names.indexOf("scale"), names.indexOf("posX"), names.indexOf("posY")};
        double rangeEffect = range(model, data, effect);
        double rangeCause = range(model, data, cause);
        Pairs changed = Pairs.differingIn(data, cause, N, 13);
        double[][] before = moments(reconstruct(model, changed.base(0, N)));
        double[][] after = moments(reconstruct(model, changed.changed(0, N)));
        double moveEffect = 0;
        double moveCause = 0;
        for (int b = 0; b < N; b++) {
            moveEffect += Math.abs(after[b][effect] - before[b][effect]) / rangeEffect;
            moveCause += Math.abs(after[b][cause] - before[b][cause]) / rangeCause;
        }
        double crosstalk = moveEffect / moveCause;

        INDArray inputs = LatentPerturbation.sample(data, N, 11);
        double[][] z = model.encode(inputs);
        double[][] base = moments(model.decode(z));
        double[] onEffect = new double[N];
        double[] onCause = new double[N];
        for (double delta : DELTAS) {
            double[][] shifted = moments(model.decode(shift(z, carriers, delta)));
            for (int b = 0; b < N; b++) {
                onEffect[b] += Math.abs(shifted[b][effect] - base[b][effect]) / rangeEffect / DELTAS.length;
                onCause[b] += Math.abs(shifted[b][cause] - base[b][cause]) / rangeCause / DELTAS.length;
            }
        }
        double[] evidence = new double[N];
        for (int b = 0; b < N; b++) {
            evidence[b] = onEffect[b] - crosstalk * onCause[b];
        }
        double mean = Arrays.stream(evidence).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(evidence).map(e -> (e - mean) * (e - mean)).sum() / (N - 1));
        double lower = mean - new TDistribution(null, N - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(N);
        System.out.printf(Locale.ROOT,
                "%s %s -> %s carriers %s: range %s %.4f, range %s %.4f; intervention moves %s %.3f and %s %.3f;"
                        + " crosstalk %.3f; evidence %.3f [lower %.3f]%n",
                args[0], args[1], args[2], args[3], args[2], rangeEffect, args[1], rangeCause, args[1],
                mean(onCause), args[2], mean(onEffect), crosstalk, mean, lower);
    }

    /** The mean change of a factor's moment from its lowest to its highest class, on reconstructions. */
    private static double range(LatentPerturbation model, FactorDataset data, int factor) {
        int top = data.factors().get(factor).size() - 1;
        Pairs pairs = Pairs.factorChange(data, factor, 0, top, N, 12);
        double[][] low = moments(reconstruct(model, pairs.base(0, N)));
        double[][] high = moments(reconstruct(model, pairs.changed(0, N)));
        double sum = 0;
        for (int b = 0; b < N; b++) {
            sum += high[b][factor] - low[b][factor];
        }
        return Math.abs(sum / N);
    }

    private static INDArray reconstruct(LatentPerturbation model, INDArray inputs) {
        return model.decode(model.encode(inputs));
    }

    /** Per image, a moment in each factor's place: mass for scale, centroid for posX and posY, NaN otherwise. */
    private static double[][] moments(INDArray images) {
        int n = (int) images.size(0);
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        float[] pixels = images.data().asFloat();
        double[][] result = new double[n][];
        for (int b = 0; b < n; b++) {
            double mass = 0;
            double x = 0;
            double y = 0;
            for (int row = 0; row < height; row++) {
                for (int column = 0; column < width; column++) {
                    double p = pixels[(b * height + row) * width + column];
                    mass += p;
                    x += p * column;
                    y += p * row;
                }
            }
            result[b] = new double[Arrays.stream(slots).max().orElseThrow() + 1];
            Arrays.fill(result[b], Double.NaN);
            result[b][slots[0]] = mass;
            result[b][slots[1]] = x / mass;
            result[b][slots[2]] = y / mass;
        }
        return result;
    }

    private static double[][] shift(double[][] z, int[] carriers, double delta) {
        double[][] shifted = new double[z.length][];
        for (int b = 0; b < z.length; b++) {
            shifted[b] = z[b].clone();
            for (int c : carriers) {
                shifted[b][c] += delta;
            }
        }
        return shifted;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
