package org.vaescope.script.ast;

/**
 * A visitor over the kinds of {@link Statement}, without defaults: a new kind of statement is a
 * compile error in every visitor (the checker, the interpreter) until it is handled there.
 */
public interface StatementVisitor<R> {


    R visitVersion(Statement.Version s);

    R visitModel(Statement.Model s);

    R visitCompare(Statement.Compare s);

    R visitGeneratedDataset(Statement.GeneratedDataset s);

    R visitFileDataset(Statement.FileDataset s);

    R visitSamples(Statement.Samples s);

    R visitSeed(Statement.Seed s);

    R visitVaryFactor(Statement.VaryFactor s);

    R visitPerturbLatent(Statement.PerturbLatent s);

    R visitSetLatent(Statement.SetLatent s);

    R visitTraverseLatent(Statement.TraverseLatent s);

    R visitPatch(Statement.Patch s);

    R visitAblate(Statement.Ablate s);

    R visitAttribute(Statement.Attribute s);

    R visitMediate(Statement.Mediate s);

    R visitClassifyUnits(Statement.ClassifyUnits s);

    R visitDiscoverCircuits(Statement.DiscoverCircuits s);

    R visitInferFactorGraph(Statement.InferFactorGraph s);

    R visitMetric(Statement.Metric s);

    R visitOutput(Statement.Output s);

    R visitInvalid(Statement.Invalid s);
}
