package org.vaescope.core.vae;

import java.util.List;
import java.util.SplittableRandom;
import org.vaescope.core.data.Factor;
import org.vaescope.core.data.FactorDataset;

/**
 * A tiny binary test dataset: a 3×3 square or a 5×2 bar at a position on a side × side canvas.
 * Factors: shape (2), posX (side − 5), posY (side − 5).
 */
public final class TinyBarsDataset implements FactorDataset {

    private final int side;
    private final List<Factor> factors;

    public TinyBarsDataset(int side) {
        this.side = side;
        int positions = side - 5;
        double[] pos = new double[positions];
        for (int i = 0; i < positions; i++) {
            pos[i] = i;
        }
        this.factors = List.of(new Factor("shape", new double[] {0, 1}), new Factor("posX", pos),
                new Factor("posY", pos.clone()));
    }

    @Override
    public String name() {
        return "tinybars" + side;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return side;
    }

    @Override
    public int width() {
        return side;
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public List<Factor> factors() {
        return factors;
    }

    @Override
    public int[][] sampleFactors(int n, SplittableRandom random) {
        int[][] classes = new int[n][3];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < 3; f++) {
                classes[i][f] = random.nextInt(factors.get(f).size());
            }
        }
        return classes;
    }

    @Override
    public void render(int[] classes, float[] out, int offset) {
        for (int f = 0; f < 3; f++) {
            if (classes[f] < 0 || classes[f] >= factors.get(f).size()) {
                throw new IllegalArgumentException("class " + classes[f] + " out of range for " + factors.get(f));
            }
        }
        java.util.Arrays.fill(out, offset, offset + side * side, 0f);
        int w = classes[0] == 0 ? 3 : 5;
        int h = classes[0] == 0 ? 3 : 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[offset + (classes[2] + y) * side + classes[1] + x] = 1f;
            }
        }
    }
}
