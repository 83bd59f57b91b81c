package org.vaescope.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts the ND4J backend so that it works both on a plain class path and inside OSGi.
 * <p>
 * Inside Equinox, ND4J's service lookups and JavaCPP's native loading use the thread context
 * class loader, which does not see the DL4J runtime bundle. Pointing both at the class loader that
 * loaded ND4J makes the native backend resolve. Call {@link #ensureStarted()} before the first
 * ND4J operation; it is cheap after the first call.
 * <p>
 * The runtime bundle carries two builds of the natives: oneDNN's (about 4x faster convolutions),
 * which needs AVX2, and the plain one. Unless {@value #EXTENSION_PROPERTY} is set, the oneDNN build
 * is chosen when the CPU reports AVX2 and that build is on the class path; {@link #describe()} tells
 * which one runs.
 */
public final class Nd4jRuntime {

    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String ONEDNN = "-onednn-avx2";
    private static final String ONEDNN_LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ONEDNN
            + "/libjnind4jcpu.so";

    private static volatile boolean started;

    private Nd4jRuntime() {
    }

    public static void ensureStarted() {
        if (started) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (started) {
                return;
            }
            ClassLoader nd4jLoader = Nd4j.class.getClassLoader();
            chooseNatives(nd4jLoader);
            ND4JClassLoading.setNd4jClassloader(nd4jLoader);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(nd4jLoader);
            try {
                Nd4j.getBackend();
                Nd4j.create(1);
            } finally {
                thread.setContextClassLoader(previous);
            }
            started = true;
        }
    }

    private static void chooseNatives(ClassLoader nd4jLoader) {
        if (System.getProperty(EXTENSION_PROPERTY) == null && cpuHasAvx2()
                && nd4jLoader.getResource(ONEDNN_LIBRARY) != null) {
            System.setProperty(EXTENSION_PROPERTY, ONEDNN);
        }
    }

    /** True when /proc/cpuinfo lists AVX2 (the natives shipped are for Linux only). */
    static boolean cpuHasAvx2() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).matches("(?s).*\\bflags\\s*:[^\\n]*\\bavx2\\b.*");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Name of the active ND4J backend class, starting it if needed. */
    public static String backendName() {
        ensureStarted();
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** The backend and which native build JavaCPP loaded (its platform extension, e.g. -onednn-avx2). */
    public static String describe() {
        return backendName() + ", natives " + nativesChoice();
    }

    public static boolean isStarted() {
        return started;
    }

    /**
     * Which native build runs, or will run when ND4J starts ("onednn-avx2" or "plain (no oneDNN)"),
     * without starting ND4J: the IDE shows it where a start would block the UI thread.
     */
    public static String nativesChoice() {
        if (!started) {
            chooseNatives(Nd4j.class.getClassLoader());
        }
        String extension = System.getProperty(EXTENSION_PROPERTY, "");
        return extension.isEmpty() ? "plain (no oneDNN)" : extension.substring(1);
    }
}
