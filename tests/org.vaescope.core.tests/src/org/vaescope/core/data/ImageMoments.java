package org.vaescope.core.data;

/** Area, centroid and principal-axis angle of a single-channel image, for the tests. */
final class ImageMoments {

    final double area;
    final double cx;
    final double cy;
    /** Angle of the major axis in radians in [0, π), counter-clockwise with y pointing up. */
    final double axisAngle;
    /** Ratio of the larger to the smaller principal second moment. */
    final double elongation;

    ImageMoments(float[] image, int offset, int width, int height) {
        double m = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                double v = image[offset + i * width + j];
                m += v;
                sx += v * (j + 0.5);
                sy += v * (i + 0.5);
            }
        }
        area = m;
        cx = sx / m;
        cy = sy / m;
        double mu20 = 0;
        double mu02 = 0;
        double mu11 = 0;
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                double v = image[offset + i * width + j];
                double dx = j + 0.5 - cx;
                double dyUp = cy - (i + 0.5);
                mu20 += v * dx * dx;
                mu02 += v * dyUp * dyUp;
                mu11 += v * dx * dyUp;
            }
        }
        double angle = 0.5 * Math.atan2(2 * mu11, mu20 - mu02);
        axisAngle = angle < 0 ? angle + Math.PI : angle;
        double mean = (mu20 + mu02) / 2;
        double diff = Math.sqrt((mu20 - mu02) * (mu20 - mu02) / 4 + mu11 * mu11);
        elongation = (mean + diff) / (mean - diff);
    }

    /** Smallest distance between two axis angles, modulo π. */
    static double axisDistance(double a, double b) {
        double d = Math.abs(a - b) % Math.PI;
        return Math.min(d, Math.PI - d);
    }
}
