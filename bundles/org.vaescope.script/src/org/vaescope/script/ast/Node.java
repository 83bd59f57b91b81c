package org.vaescope.script.ast;

import org.vaescope.script.source.Span;

/** Any node of a script's syntax tree; every node knows where it is written. */
public interface Node {

    /** The characters of the script this node was parsed from. */
    Span span();
}
