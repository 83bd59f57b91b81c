package org.vaescope.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Escapes the C0 and C1 control bytes of UTF-8 text on its way to the terminal, so names from files
 * cannot move the cursor, recolour it or retitle the window. New lines, carriage returns and tabs pass.
 */
final class EscapingOutputStream extends FilterOutputStream {

    private static final int C1_LEAD = 0xc2;
    private boolean afterC1Lead;

    EscapingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        int value = b & 0xff;
        if (afterC1Lead) {
            afterC1Lead = false;
            if (value >= 0x80 && value <= 0x9f) {
                writeEscape(value);
                return;
            }
            out.write(C1_LEAD);
        }
        if (value == C1_LEAD) {
            afterC1Lead = true;
        } else if (value < 0x20 && value != '\n' && value != '\r' && value != '\t' || value == 0x7f) {
            writeEscape(value);
        } else {
            out.write(value);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void close() throws IOException {
        if (afterC1Lead) {
            afterC1Lead = false;
            out.write(C1_LEAD);
        }
        super.close();
    }

    private void writeEscape(int value) throws IOException {
        out.write(String.format("\\x%02x", value).getBytes(StandardCharsets.US_ASCII));
    }
}
