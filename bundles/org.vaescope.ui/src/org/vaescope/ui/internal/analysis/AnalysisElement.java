package org.vaescope.ui.internal.analysis;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

/**
 * What the VAEScope views select and share through the selection service: a factor, a latent or a
 * unit of one analysis. Each adapts to an {@link IPropertySource} that shows its numbers.
 */
public sealed interface AnalysisElement extends IAdaptable {

    Analysis analysis();

    /** A generative factor. */
    record Factor(Analysis analysis, String name) implements AnalysisElement {
        @Override
        public String key() {
            return "factor:" + name;
        }

        @Override
        public void addRows(List<String[]> rows) {
            rows.add(new String[] {"factor", name});
            analysis.metrics().stream().filter(m -> m.name().equals("CES[" + name + "]"))
                    .forEach(m -> rows.add(new String[] {"CES", Formats.metric(m)}));
            long causes = analysis.factorGraphs().implied().stream().filter(e -> e.target().equals(name)).count();
            long effects = analysis.factorGraphs().implied().stream().filter(e -> e.source().equals(name)).count();
            rows.add(new String[] {"implied causes / effects", causes + " / " + effects});
        }
    }

    /** A latent dimension z_index. */
    record Latent(Analysis analysis, int index) implements AnalysisElement {
        @Override
        public String key() {
            return "latent:" + index;
        }

        @Override
        public void addRows(List<String[]> rows) {
            Analysis.LatentEffects latents = analysis.latents();
            rows.add(new String[] {"latent", "z" + index});
            if (index < latents.latentCount()) {
                rows.add(new String[] {"KL (nats)", Formats.number(latents.kl()[index])});
                rows.add(new String[] {"output effect", Formats.number(latents.outputEffect()[index])});
                for (int k = 0; k < latents.factors().size(); k++) {
                    rows.add(new String[] {"E[" + latents.factors().get(k) + "]",
                        Formats.number(latents.factorEffect()[index][k])});
                }
            }
        }
    }

    /** Unit {@code unit} of hook point {@code hook}. */
    record Unit(Analysis analysis, String hook, int unit) implements AnalysisElement {

        /** A[u][k] across the factors, or an empty array if the analysis has no effects for it. */
        public double[] responses() {
            return analysis.units().hook(hook).filter(h -> unit < h.unitCount()).map(h -> h.responses()[unit])
                    .orElse(new double[0]);
        }

        @Override
        public String key() {
            return "unit:" + hook + ":" + unit;
        }

        @Override
        public void addRows(List<String[]> rows) {
            rows.add(new String[] {"hook point", hook});
            rows.add(new String[] {"unit", Integer.toString(unit)});
            rows.add(new String[] {"class", unitClass()});
            analysis.units().hook(hook).filter(h -> unit < h.unitCount() && !Double.isNaN(h.share()[unit]))
                    .ifPresent(h -> addShareRows(h, rows));
            double[] responses = responses();
            for (int k = 0; k < responses.length; k++) {
                rows.add(new String[] {"A[" + analysis.units().factors().get(k) + "]", Formats.number(responses[k])});
            }
        }

        private void addShareRows(Analysis.HookEffects h, List<String[]> rows) {
            rows.add(new String[] {"dominant share",
                    Formats.estimate(h.share()[unit], h.shareLower()[unit], h.shareUpper()[unit])});
            if (!Double.isNaN(h.shareLower()[unit])) {
                rows.add(new String[] {"class settled", h.undecided()[unit]
                        ? "no: the share's interval reaches across the monosemantic ratio" : "yes"});
            }
        }

        /** mono/poly/dead, or "?" if unknown. */
        public String unitClass() {
            return analysis.units().hook(hook).filter(h -> unit < h.unitCount()).map(h -> h.classes()[unit])
                    .orElse("?");
        }
    }

    /** The element a circuit-graph node stands for, or null for a unit group. */
    static AnalysisElement of(Analysis analysis, Analysis.Node node) {
        return switch (node.kind()) {
            case "unit" -> new Unit(analysis, node.hook(), node.index());
            case "latent" -> new Latent(analysis, node.index());
            case "factor" -> new Factor(analysis, node.label());
            default -> null;
        };
    }

    @Override
    default <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySource.class) {
            return adapter.cast(new Properties(rows(this)));
        }
        return null;
    }

    /** The label-value rows the Properties view shows. */
    static List<String[]> rows(AnalysisElement element) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"analysis", element.analysis().name()});
        element.addRows(rows);
        return rows;
    }

    /** Adds this element's own label-value rows. */
    void addRows(List<String[]> rows);

    /** A key naming the element within its analysis: {@code factor:NAME}, {@code latent:I}, {@code unit:HOOK:U}. */
    String key();

    /** Read-only properties, in the given order. */
    final class Properties implements IPropertySource {
        private final List<String[]> rows;

        Properties(List<String[]> rows) {
            this.rows = rows;
        }

        @Override
        public Object getEditableValue() {
            return null;
        }

        @Override
        public IPropertyDescriptor[] getPropertyDescriptors() {
            IPropertyDescriptor[] descriptors = new IPropertyDescriptor[rows.size()];
            for (int i = 0; i < descriptors.length; i++) {
                PropertyDescriptor d = new PropertyDescriptor(i, rows.get(i)[0]);
                d.setCategory("VAEScope");
                descriptors[i] = d;
            }
            return descriptors;
        }

        @Override
        public Object getPropertyValue(Object id) {
            return rows.get((Integer) id)[1];
        }

        @Override
        public boolean isPropertySet(Object id) {
            return false;
        }

        @Override
        public void resetPropertyValue(Object id) {
        }

        @Override
        public void setPropertyValue(Object id, Object value) {
        }
    }
}
