package org.vaescope.ui.script.internal;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.hover.Hover;
import org.vaescope.script.hover.HoverEngine;

/** Hover on keywords, metrics, hook points and factors, from the language's {@link HoverEngine}. */
final class ScriptTextHover implements ITextHover {

    private final Supplier<Path> scriptFile;

    ScriptTextHover(Supplier<Path> scriptFile) {
        this.scriptFile = scriptFile;
    }

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        String text = viewer.getDocument().get();
        return HoverEngine.hover(text, region.getOffset(), environment()).map(Hover::text).orElse(null);
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return new Region(offset, 0);
    }

    private ScriptEnvironment environment() {
        Path file = scriptFile.get();
        return file == null ? ScriptEnvironment.languageOnly() : ScriptEnvironmentCache.get().current(file);
    }
}
