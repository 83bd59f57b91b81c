package org.vaescope.core.internal.analysis;

import java.util.ArrayDeque;
import java.util.Deque;

import org.vaescope.core.internal.json.JsonText;

/**
 * A small streaming JSON writer (the core bundle has no JSON library). Produces compact JSON;
 * non-finite doubles are written as {@code null} because JSON has no NaN or infinity.
 * Misuse (a value where a name is required, unbalanced ends) throws {@link IllegalStateException}.
 */
public final class JsonWriter {

    private enum Scope { OBJECT, ARRAY }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final Deque<Boolean> hasElements = new ArrayDeque<>();
    private boolean nameWritten;

    /** Opens an object. */
    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push(Scope.OBJECT);
        return this;
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() {
        pop(Scope.OBJECT);
        out.append('}');
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push(Scope.ARRAY);
        return this;
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() {
        pop(Scope.ARRAY);
        out.append(']');
        return this;
    }

    /** Writes a member name inside an object; a value must follow. */
    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT || nameWritten) {
            throw new IllegalStateException("a member name is only allowed directly inside an object: " + name);
        }
        separate();
        appendString(name);
        out.append(':');
        nameWritten = true;
        return this;
    }

    /** Writes a string, or {@code null}. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            appendString(value);
        }
        return this;
    }

    /** Writes a number ({@code null} if not finite). */
    public JsonWriter value(double value) {
        beforeValue();
        JsonText.appendNumber(out, value);
        return this;
    }

    /** Writes an integer. */
    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes a boolean. */
    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** Writes {@code null}. */
    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, double value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter member(String name, boolean value) {
        return name(name).value(value);
    }

    /** The JSON text; every object and array must be closed. */
    public String toJson() {
        if (!scopes.isEmpty()) {
            throw new IllegalStateException(scopes.size() + " unclosed JSON object(s) or array(s)");
        }
        return out.toString();
    }

    private void beforeValue() {
        if (scopes.peek() == Scope.OBJECT) {
            if (!nameWritten) {
                throw new IllegalStateException("a value inside an object needs a member name first");
            }
            nameWritten = false;
        } else if (scopes.peek() == Scope.ARRAY) {
            separate();
        } else if (out.length() > 0) {
            throw new IllegalStateException("only one top-level JSON value is allowed");
        }
    }

    private void separate() {
        if (hasElements.pop()) {
            out.append(',');
        }
        hasElements.push(Boolean.TRUE);
    }

    private void push(Scope scope) {
        scopes.push(scope);
        hasElements.push(Boolean.FALSE);
    }

    private void pop(Scope expected) {
        if (scopes.peek() != expected || nameWritten) {
            throw new IllegalStateException("cannot close " + expected + " here");
        }
        scopes.pop();
        hasElements.pop();
    }

    private void appendString(String s) {
        JsonText.appendString(out, s);
    }
}
