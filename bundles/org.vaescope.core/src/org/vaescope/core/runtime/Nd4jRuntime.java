package org.vaescope.core.runtime;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts the ND4J backend so that it works both on a plain class path and inside OSGi.
 * <p>
 * Inside Equinox, ND4J's service lookups and JavaCPP's native loading use the thread context
 * class loader, which does not see the DL4J runtime bundle. Pointing both at the class loader that
 * loaded ND4J makes the native backend resolve. Call {@link #ensureStarted()} before the first
 * ND4J operation; it is cheap after the first call.
 */
public final class Nd4jRuntime {

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

    /** Name of the active ND4J backend class, starting it if needed. */
    public static String backendName() {
        ensureStarted();
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** The backend and which native build JavaCPP loaded (its platform extension, e.g. -onednn-avx2). */
    public static String describe() {
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        return backendName() + ", natives " + (extension.isEmpty() ? "plain (no oneDNN)" : extension.substring(1));
    }
}
