package org.vaescope.core.internal.interventions;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** A minimal PNG encoder (8-bit grey or RGB, no filtering), so the core needs no java.desktop. */
public final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngWriter() {
    }

    /**
     * Writes an image given as values in [0, 1] (clamped), C order channels × height × width, with
     * 1 (grey) or 3 (RGB) channels.
     */
    public static void write(OutputStream out, float[] pixels, int channels, int height, int width) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("PNG images need 1 or 3 channels, got " + channels);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " values for a " + channels + "x" + height + "x" + width
                    + " image");
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(raw)) {
            byte[] line = new byte[1 + width * channels];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        float v = pixels[(c * height + y) * width + x];
                        int level = Math.round(Math.max(0f, Math.min(1f, Float.isNaN(v) ? 0f : v)) * 255f);
                        line[1 + x * channels + c] = (byte) level;
                    }
                }
                deflate.write(line);
            }
        }
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(8);
        h.writeByte(channels == 1 ? 0 : 2);
        h.writeByte(0);
        h.writeByte(0);
        h.writeByte(0);
        chunk(data, "IHDR", header.toByteArray());
        chunk(data, "IDAT", raw.toByteArray());
        chunk(data, "IEND", new byte[0]);
        data.flush();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(body.length);
        out.write(name);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }
}
