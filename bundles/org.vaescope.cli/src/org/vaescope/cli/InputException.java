package org.vaescope.cli;

/** Bad input found by a command: its message is {@code file[:line:col]: what is wrong — what to do}. */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
