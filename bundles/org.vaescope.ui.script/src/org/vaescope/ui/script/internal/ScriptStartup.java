package org.vaescope.ui.script.internal;

import org.eclipse.ui.IStartup;

/** Installs the workspace listener that keeps the problem markers of every script current. */
public final class ScriptStartup implements IStartup {
    @Override
    public void earlyStartup() {
        ScriptMarkers.install();
    }
}
