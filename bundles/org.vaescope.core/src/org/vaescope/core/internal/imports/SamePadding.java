package org.vaescope.core.internal.imports;

/** Padding of "same"-mode transposed convolutions as DL4J and SameDiff compute them (libnd4j's deconv2d). */
final class SamePadding {

    private SamePadding() {
    }

    /**
     * Explicit pads (top, left, bottom, right) giving output = input × stride, the padding split evenly;
     * null when it cannot be split evenly.
     */
    static long[] transposed(int[] kernel, int[] strides, int[] dilations) {
        long[] pads = new long[4];
        for (int a = 0; a < 2; a++) {
            int total = dilations[a] * (kernel[a] - 1) + 1 - strides[a];
            if (total < 0 || total % 2 != 0) {
                return null;
            }
            pads[a] = total / 2;
            pads[a + 2] = total / 2;
        }
        return pads;
    }
}
