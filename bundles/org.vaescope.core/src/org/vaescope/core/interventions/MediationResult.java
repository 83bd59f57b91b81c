package org.vaescope.core.interventions;

/**
 * Total, natural indirect and natural direct effect of a change x_a → x_b on an outcome Y through a
 * mediator M, with the per-pair terms they average (see {@link CausalMediation}).
 */
public final class MediationResult {

    private final Mediator mediator;
    private final String outcome;
    private final double[] ya;
    private final double[] yb;
    private final double[] yaWithMb;
    private final double[] ybWithMa;
    private final long seed;
    private final String description;

    MediationResult(Mediator mediator, String outcome, double[] ya, double[] yb, double[] yaWithMb, double[] ybWithMa,
            long seed, String description) {
        this.mediator = mediator;
        this.outcome = outcome;
        this.ya = ya.clone();
        this.yb = yb.clone();
        this.yaWithMb = yaWithMb.clone();
        this.ybWithMa = ybWithMa.clone();
        this.seed = seed;
        this.description = description;
    }

    /** TE = E[Y(x_b) − Y(x_a)]. */
    public double totalEffect() {
        return PatchResult.mean(yb) - PatchResult.mean(ya);
    }

    /** NIE = E[Y(x_a; M ← M(x_b)) − Y(x_a)]. */
    public double indirectEffect() {
        return PatchResult.mean(yaWithMb) - PatchResult.mean(ya);
    }

    /** NDE = E[Y(x_b; M ← M(x_a)) − Y(x_a)]. */
    public double directEffect() {
        return PatchResult.mean(ybWithMa) - PatchResult.mean(ya);
    }

    /** Y(x_a) per pair. */
    public double[] outcomeBase() {
        return ya.clone();
    }

    /** Y(x_b) per pair. */
    public double[] outcomeChanged() {
        return yb.clone();
    }

    /** Y(x_a; M ← M(x_b)) per pair. */
    public double[] outcomeBaseWithChangedMediator() {
        return yaWithMb.clone();
    }

    /** Y(x_b; M ← M(x_a)) per pair. */
    public double[] outcomeChangedWithBaseMediator() {
        return ybWithMa.clone();
    }

    public Mediator mediator() {
        return mediator;
    }

    /** Description of the outcome measure. */
    public String outcome() {
        return outcome;
    }

    /** Number of pairs. */
    public int sampleCount() {
        return ya.length;
    }

    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "mediation of %s through %s on %s: TE %.6g, NIE %.6g, NDE %.6g (n=%d,"
                + " seed=%d)", description, mediator, outcome, totalEffect(), indirectEffect(), directEffect(),
                sampleCount(), seed);
    }
}
