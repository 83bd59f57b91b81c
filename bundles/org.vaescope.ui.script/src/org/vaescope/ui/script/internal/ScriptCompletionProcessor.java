package org.vaescope.ui.script.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.vaescope.script.ScriptEnvironment;
import org.vaescope.script.completion.CompletionEngine;

/**
 * Content assist from the language's {@link CompletionEngine}: exact replacement ranges, the
 * engine's description as additional info, and model-aware proposals once the script's model is
 * loaded (the last loaded environment, without parsing or I/O: the UI thread never waits for a model).
 */
public final class ScriptCompletionProcessor implements IContentAssistProcessor {

    /** Characters after which the language expects a name or a value. */
    static final char[] AUTO_ACTIVATION = {' ', '(', ',', '=', '"', '.'};

    private final Supplier<Path> scriptFile;

    public ScriptCompletionProcessor(Supplier<Path> scriptFile) {
        this.scriptFile = scriptFile;
    }

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        IDocument document = viewer.getDocument();
        String text = document.get();
        return proposals(text, offset, environment()).toArray(new ICompletionProposal[0]);
    }

    /** The JFace proposals for a text and caret (also what the benchmark and the tests call). */
    public static List<ICompletionProposal> proposals(String text, int offset, ScriptEnvironment env) {
        return CompletionEngine.complete(text, offset, env).stream().map(ScriptCompletionProcessor::toProposal)
                .toList();
    }

    private ScriptEnvironment environment() {
        Path file = scriptFile.get();
        return file == null ? ScriptEnvironment.languageOnly() : ScriptEnvironmentCache.get().current(file);
    }

    private static ICompletionProposal toProposal(org.vaescope.script.completion.CompletionProposal proposal) {
        String insert = proposal.insertText();
        return new CompletionProposal(insert, proposal.replaceOffset(), proposal.replaceLength(), insert.length(),
                null, proposal.label(), null, proposal.description());
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return AUTO_ACTIVATION.clone();
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return null;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
