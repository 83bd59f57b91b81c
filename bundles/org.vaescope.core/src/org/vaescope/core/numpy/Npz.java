package org.vaescope.core.numpy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.vaescope.core.runtime.InputFiles;
import org.vaescope.core.runtime.MemoryBudget;
import java.util.zip.ZipOutputStream;

/**
 * A NumPy {@code .npz} archive: a zip of {@code .npy} entries, stored or deflated. Keys are the
 * entry names without the {@code .npy} suffix. Entries are read only when asked for, so keys this
 * code cannot read (such as a pickled {@code metadata} object) can simply be skipped.
 */
public final class Npz implements Closeable {

    private static final String SUFFIX = ".npy";

    private final ZipFile zip;
    private final Path file;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    private Npz(Path file) throws IOException {
        this.file = file;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new NpyFormatException(file + ": not a .npz (zip) archive ("
                    + (e.getMessage() == null ? "unreadable" : e.getMessage()) + ") — save the archive again");
        }
        zip.stream().filter(e -> !e.isDirectory()).forEach(e -> entries.put(keyOf(e.getName()), e));
    }

    /** Opens an archive for reading; close it when done. */
    public static Npz open(Path file) throws IOException {
        InputFiles.requireRegularFile(file);
        return new Npz(file);
    }

    /** Deflate cannot shrink data by more than about 1032:1. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private static String keyOf(String entryName) {
        return entryName.endsWith(SUFFIX) ? entryName.substring(0, entryName.length() - SUFFIX.length()) : entryName;
    }

    /** The keys in archive order. */
    public List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** The header of the array under {@code key}. */
    public NpyHeader header(String key) throws IOException {
        try (InputStream in = stream(key)) {
            return Npy.readHeader(in, where(key));
        }
    }

    /** Reads the whole array under {@code key}. */
    public NdArray array(String key) throws IOException {
        try (InputStream in = stream(key)) {
            NpyHeader header = Npy.readHeader(in, where(key));
            Npy.requireData(header, storableBytes(entries.get(key)), where(key));
            return Npy.readData(in, header, where(key));
        } catch (NpyFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new NpyFormatException(where(key) + ": the archive entry is damaged or truncated ("
                    + (e.getMessage() == null ? "unreadable" : e.getMessage()) + ") — save the archive again");
        }
    }

    /** The most an entry can hold: its uncompressed size, or what deflate could expand it to when unknown. */
    private static long storableBytes(ZipEntry entry) {
        if (entry.getSize() >= 0) {
            return entry.getSize();
        }
        return entry.getCompressedSize() >= 0 ? MemoryBudget.product(entry.getCompressedSize(), MAX_DEFLATE_RATIO)
                : Long.MAX_VALUE;
    }

    /**
     * Streams the array under {@code key} record by record (see {@link Npy#readRecords}).
     *
     * @return the array's header
     */
    public NpyHeader readRecords(String key, Npy.RecordSink sink) throws IOException {
        try (InputStream in = stream(key)) {
            NpyHeader header = Npy.readHeader(in, where(key));
            Npy.readRecords(in, header, where(key), sink);
            return header;
        }
    }

    private InputStream stream(String key) throws IOException {
        ZipEntry entry = entries.get(key);
        if (entry == null) {
            throw new NpyFormatException(file + ": no key '" + key + "' (keys: " + entries.keySet() + ")");
        }
        return new BufferedInputStream(zip.getInputStream(entry), 1 << 16);
    }

    private String where(String key) {
        return file + " [" + key + "]";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Reads every array of an archive, in archive order. */
    public static Map<String, NdArray> readAll(Path file) throws IOException {
        try (Npz npz = open(file)) {
            Map<String, NdArray> arrays = new LinkedHashMap<>();
            for (String key : npz.keys()) {
                arrays.put(key, npz.array(key));
            }
            return arrays;
        }
    }

    /** Reads one array of an archive. */
    public static NdArray read(Path file, String key) throws IOException {
        try (Npz npz = open(file)) {
            return npz.array(key);
        }
    }

    /**
     * Writes arrays to a {@code .npz} archive (little endian, C order, format 1.0), like
     * {@code numpy.savez} ({@code compressed = false}) or {@code numpy.savez_compressed}.
     */
    public static void write(Path file, Map<String, NdArray> arrays, boolean compressed) throws IOException {
        write(file, arrays, compressed, ByteOrder.LITTLE_ENDIAN, false);
    }

    /** Writes arrays to a {@code .npz} archive with the given element byte order and memory order. */
    public static void write(Path file, Map<String, NdArray> arrays, boolean compressed, ByteOrder byteOrder,
            boolean fortranOrder) throws IOException {
        try (OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file));
                ZipOutputStream zipOut = new ZipOutputStream(fileOut)) {
            for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                Npy.write(bytes, e.getValue(), byteOrder, fortranOrder, 1);
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    byte[] data = bytes.toByteArray();
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zipOut.putNextEntry(entry);
                bytes.writeTo(zipOut);
                zipOut.closeEntry();
            }
        }
    }
}
