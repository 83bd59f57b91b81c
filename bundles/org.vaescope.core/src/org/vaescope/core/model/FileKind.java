package org.vaescope.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;


/** What the first bytes of a file say it is. */
enum FileKind {
    ZIP, TEXT, BINARY;

    private static final int SNIFF_BYTES = 512;

    public static FileKind sniff(Path file) throws ModelLoadException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        return looksLikeText(head) ? TEXT : BINARY;
    }

    private static boolean looksLikeText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            boolean control = c < 0x20 && c != '\n' && c != '\r' && c != '\t';
            if (control || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
