package org.vaescope.script;

/**
 * A visitor over the kinds of {@link Statement}. Every method defaults to {@link #visitDefault}, so a
 * visitor only overrides the statements it cares about.
 */
public interface StatementVisitor<R> {

    /** Called for every statement whose method is not overridden; returns null unless overridden. */
    default R visitDefault(Statement statement) {
        return null;
    }

    default R visitVersion(Statement.Version s) {
        return visitDefault(s);
    }

    default R visitModel(Statement.Model s) {
        return visitDefault(s);
    }

    default R visitCompare(Statement.Compare s) {
        return visitDefault(s);
    }

    default R visitGeneratedDataset(Statement.GeneratedDataset s) {
        return visitDefault(s);
    }

    default R visitFileDataset(Statement.FileDataset s) {
        return visitDefault(s);
    }

    default R visitSamples(Statement.Samples s) {
        return visitDefault(s);
    }

    default R visitSeed(Statement.Seed s) {
        return visitDefault(s);
    }

    default R visitVaryFactor(Statement.VaryFactor s) {
        return visitDefault(s);
    }

    default R visitPerturbLatent(Statement.PerturbLatent s) {
        return visitDefault(s);
    }

    default R visitSetLatent(Statement.SetLatent s) {
        return visitDefault(s);
    }

    default R visitTraverseLatent(Statement.TraverseLatent s) {
        return visitDefault(s);
    }

    default R visitPatch(Statement.Patch s) {
        return visitDefault(s);
    }

    default R visitAblate(Statement.Ablate s) {
        return visitDefault(s);
    }

    default R visitAttribute(Statement.Attribute s) {
        return visitDefault(s);
    }

    default R visitMediate(Statement.Mediate s) {
        return visitDefault(s);
    }

    default R visitClassifyUnits(Statement.ClassifyUnits s) {
        return visitDefault(s);
    }

    default R visitDiscoverCircuits(Statement.DiscoverCircuits s) {
        return visitDefault(s);
    }

    default R visitInferFactorGraph(Statement.InferFactorGraph s) {
        return visitDefault(s);
    }

    default R visitMetric(Statement.Metric s) {
        return visitDefault(s);
    }

    default R visitOutput(Statement.Output s) {
        return visitDefault(s);
    }

    default R visitInvalid(Statement.Invalid s) {
        return visitDefault(s);
    }
}
