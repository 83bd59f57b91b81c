package org.vaescope.script.ast;

/** A literal value written in a script: a name, a number or a quoted string. */
public sealed interface Literal extends Node permits Identifier, NumberLiteral, StringLiteral {

    /** The value as text: the name, the number as written, or the string's content. */
    String text();
}
