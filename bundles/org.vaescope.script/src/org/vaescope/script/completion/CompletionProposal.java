package org.vaescope.script.completion;

/**
 * One completion proposal: replace {@code replaceLength} characters at {@code replaceOffset} with
 * {@code insertText}. {@code label} is what a list shows and {@code description} a one-line help.
 */
public record CompletionProposal(Kind kind, String label, String insertText, int replaceOffset, int replaceLength,
        String description) {

    /** What a proposal stands for (editors pick an icon from it). */
    public enum Kind {
        KEYWORD, HOOK_POINT, UNIT_RANGE, LATENT, FACTOR, FACTOR_VALUE, METRIC, GENERATOR, PARAMETER, FORMAT, FILE
    }
}
