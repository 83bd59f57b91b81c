package org.vaescope.ui.internal.editors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormEditor;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vaescope.ui.internal.analysis.Analysis;
import org.vaescope.ui.internal.analysis.AnalysisElement;
import org.vaescope.ui.internal.analysis.AnalysisFileException;
import org.vaescope.ui.internal.analysis.AnalysisRegistry;
import org.vaescope.ui.internal.analysis.Formats;
import org.vaescope.ui.internal.analysis.ReadAnalysisJob;
import org.vaescope.ui.internal.views.SelectionRelay;
import org.vaescope.ui.internal.views.Tables;
import org.vaescope.ui.internal.views.Tables.Column;

/**
 * The analysis editor on a {@code .vsa} file: Overview (provenance and headline metrics), Units
 * (unit classes per hook point), Circuits (circuit-graph nodes and edges per factor) and Factors
 * (CES, implied and true factor graph). Activating it makes its analysis the one the views show.
 * The file is read in a job (or handed over read by the analysis job); the pages say "Reading…"
 * until it arrives, or name the file, place and problem when it cannot be read.
 */
public class AnalysisEditor extends FormEditor {

    /** Page ids, in page order. */
    public static final List<String> PAGE_IDS = List.of("overview", "units", "circuits", "factors");

    private Path file;
    private Analysis analysis;
    private String error;
    private boolean disposed;
    private final List<TablePage> tablePages = new ArrayList<>();
    private final SelectionRelay selection = new SelectionRelay();
    private final Map<String, TableViewer> tables = new LinkedHashMap<>();
    private final AnalysisRegistry.Recipient recipient = new AnalysisRegistry.Recipient() {
        @Override
        public void started(Path started) {
            if (started.equals(file)) {
                refreshPages();
            }
        }

        @Override
        public boolean delivered(Path delivered, Analysis fresh) {
            if (disposed || !delivered.equals(file)) {
                return false;
            }
            if (fresh != null) {
                error = null;
                loaded(fresh);
            } else {
                runEnded();
            }
            return true;
        }
    };
    private final IPartListener2 activation = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == AnalysisEditor.this && analysis != null) {
                AnalysisRegistry.get().show(analysis);
            }
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput) || fileInput.getFile().getLocation() == null) {
            throw new PartInitException("The VAEScope analysis editor opens workspace files only");
        }
        super.init(site, input);
        setPartName(input.getName());
        site.setSelectionProvider(selection);
        site.getPage().addPartListener(activation);
        file = fileInput.getFile().getLocation().toFile().toPath();
        AnalysisRegistry registry = AnalysisRegistry.get();
        registry.addRecipient(recipient);
        Analysis ready = registry.take(file);
        if (ready != null) {
            loaded(ready);
        } else if (!registry.isAnalysing(file)) {
            read();
        }
    }

    private void read() {
        new ReadAnalysisJob(file, getSite().getShell().getDisplay(), this::loaded, this::failed).schedule();
    }

    /** The run that was to write the file ended without an analysis: the file as it is, if any. */
    private void runEnded() {
        if (analysis != null) {
            refreshPages();
        } else if (Files.isRegularFile(file)) {
            read();
        } else {
            getSite().getShell().getDisplay().asyncExec(() -> {
                if (!disposed) {
                    getSite().getPage().closeEditor(this, false);
                }
            });
        }
    }

    private void refreshPages() {
        tablePages.forEach(TablePage::refresh);
    }

    private void loaded(Analysis read) {
        if (disposed) {
            return;
        }
        analysis = read;
        AnalysisRegistry.get().show(read);
        refreshPages();
    }

    private void failed(AnalysisFileException e) {
        if (disposed) {
            return;
        }
        error = e.getMessage();
        StatusManager.getManager().handle(Status.error(error), StatusManager.LOG);
        refreshPages();
    }

    @Override
    protected void addPages() {
        try {
            addTablePage("overview", "Overview", this::createOverview);
            addTablePage("units", "Units", this::createUnits);
            addTablePage("circuits", "Circuits", this::createCircuits);
            addTablePage("factors", "Factors", this::createFactors);
        } catch (PartInitException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addTablePage(String id, String title, Consumer<Composite> content) throws PartInitException {
        TablePage page = new TablePage(this, id, title, content);
        tablePages.add(page);
        addPage(page);
    }

    private void createOverview(Composite body) {
        TableViewer provenance = section(body, "overview.provenance", "Provenance", List.of(
                new Column<String[]>("Field", 160, r -> r[0]), new Column<String[]>("Value", 520, r -> r[1])));
        provenance.setInput(analysis.provenance().entrySet().stream()
                .map(e -> new String[] {e.getKey(), e.getValue()}).toList());
        TableViewer metrics = section(body, "overview.metrics", "Metrics", List.of(
                new Column<Analysis.Metric>("Group", 120, Analysis.Metric::group),
                new Column<Analysis.Metric>("Metric", 200, Analysis.Metric::name),
                new Column<Analysis.Metric>("Value [interval]", 240, Formats::metric),
                new Column<Analysis.Metric>("n", 70, m -> m.n() < 0 ? "–" : Integer.toString(m.n()))));
        metrics.setInput(analysis.metrics());
    }

    private void createUnits(Composite body) {
        TableViewer units = section(body, "units", "Unit classes per hook point", List.of(
                new Column<Analysis.HookEffects>("Hook point", 200, Analysis.HookEffects::hook),
                new Column<Analysis.HookEffects>("Units", 70, h -> Integer.toString(h.unitCount())),
                new Column<Analysis.HookEffects>("Monosemantic", 125, h -> count(h, "monosemantic")),
                new Column<Analysis.HookEffects>("Polysemantic", 125, h -> count(h, "polysemantic")),
                new Column<Analysis.HookEffects>("Dead", 80, h -> count(h, "dead")),
                new Column<Analysis.HookEffects>("Undecided", 170, h -> h.undecidedCount() + " ("
                        + h.undecidedCount("monosemantic") + " monosemantic)")));
        units.setInput(analysis.units().hooks());
    }

    private static String count(Analysis.HookEffects hook, String unitClass) {
        return Long.toString(Arrays.stream(hook.classes()).filter(unitClass::equals).count());
    }

    private void createCircuits(Composite body) {
        Analysis.Graph graph = analysis.circuitGraph();
        TableViewer circuits = section(body, "circuits", "Circuits per factor", List.of(
                new Column<String>("Factor", 160, f -> f),
                new Column<String>("Units", 80, f -> Long.toString(graph.edges().stream()
                        .filter(e -> f.equals(e.factor()) && e.evidence().equals("response")).count())),
                new Column<String>("Edges", 80, f -> Long.toString(graph.edges().stream()
                        .filter(e -> f.equals(e.factor())).count()))));
        circuits.setInput(analysis.factors());
        circuits.addSelectionChangedListener(e -> selection.select(factorOf(e.getStructuredSelection())));
        TableViewer edges = section(body, "circuits.edges", "Edges (" + graph.nodes().size() + " nodes, "
                + graph.edges().size() + " edges)", List.of(
                new Column<Analysis.Edge>("Source", 160, Analysis.Edge::source),
                new Column<Analysis.Edge>("Target", 160, Analysis.Edge::target),
                new Column<Analysis.Edge>("Weight", 90, e -> Formats.number(e.weight())),
                new Column<Analysis.Edge>("Evidence", 110, Analysis.Edge::evidence),
                new Column<Analysis.Edge>("Factor", 120, e -> e.factor() == null ? "" : e.factor())));
        edges.setInput(graph.edges());
    }

    private void createFactors(Composite body) {
        Analysis.FactorGraphs graphs = analysis.factorGraphs();
        TableViewer factors = section(body, "factors", "Factors", List.of(
                new Column<String>("Factor", 160, f -> f),
                new Column<String>("CES [interval]", 240, f -> analysis.metrics().stream()
                        .filter(m -> m.name().equals("CES[" + f + "]")).findFirst().map(Formats::metric).orElse("–")),
                new Column<String>("Read-out: images / reconstr. / chance", 250, f -> readout(graphs, f)),
                new Column<String>("Above chance", 150, f -> aboveChance(graphs, f)),
                new Column<String>("Implied effects", 220, f -> targets(graphs.implied(), f)),
                new Column<String>("True effects", 220, f -> graphs.hasTruth() ? targets(graphs.truth(), f) : "unknown")));
        factors.setInput(analysis.factors());
        factors.addSelectionChangedListener(e -> selection.select(factorOf(e.getStructuredSelection())));
        TableViewer pairs = section(body, "factors.pairs", "Factor pairs weighed by the implied graph", List.of(
                new Column<Analysis.FactorPair>("Cause", 120, Analysis.FactorPair::cause),
                new Column<Analysis.FactorPair>("Effect", 120, Analysis.FactorPair::effect),
                new Column<Analysis.FactorPair>("Verdict", 300, Analysis.FactorPair::verdict),
                new Column<Analysis.FactorPair>("Measured M", 100, p -> Formats.number(p.measured())),
                new Column<Analysis.FactorPair>("Evidence", 100, p -> Formats.number(p.evidence())),
                new Column<Analysis.FactorPair>("95 % lower end", 120,
                        p -> Formats.number(p.evidenceLower()))));
        pairs.setInput(graphs.pairs());
    }

    private static String readout(Analysis.FactorGraphs graphs, String factor) {
        Analysis.Readout r = graphs.readouts().get(factor);
        return r == null ? "–" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", r.images(), r.reconstructions(),
                r.chance());
    }

    private static String aboveChance(Analysis.FactorGraphs graphs, String factor) {
        Analysis.Readout r = graphs.readouts().get(factor);
        return r == null ? "–" : String.format(Locale.ROOT, "%.3f%s", r.aboveChance(), r.unreadable() ? " (unreadable)" : "");
    }

    private AnalysisElement factorOf(IStructuredSelection selected) {
        return selected.isEmpty() ? null : new AnalysisElement.Factor(analysis, (String) selected.getFirstElement());
    }

    private static String targets(List<Analysis.Edge> edges, String factor) {
        List<String> names = new ArrayList<>();
        edges.stream().filter(e -> e.source().equals(factor)).forEach(e -> names.add(e.target()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private <T> TableViewer section(Composite body, String id, String title, List<Column<T>> columns) {
        Section section = new Section(body, Section.TITLE_BAR | Section.EXPANDED);
        section.setText(title);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(section);
        Composite client = new Composite(section, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(client);
        TableViewer viewer = Tables.create(client, columns);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 160).applyTo(viewer.getControl());
        section.setClient(client);
        tables.put(id, viewer);
        return viewer;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == org.eclipse.ui.views.properties.IPropertySheetPage.class) {
            return adapter.cast(new org.vaescope.ui.internal.views.OrderedPropertySheetPage());
        }
        return super.getAdapter(adapter);
    }

    /** The analysis on display, or null while it is being read (or could not be). */
    public Analysis getAnalysis() {
        return analysis;
    }

    /** The table with this id ("overview.metrics", "units", "circuits", "factors", …), or null before its page exists. */
    public TableViewer getTable(String id) {
        return tables.get(id);
    }

    /** Ids of the pages, in order. */
    public List<String> getPageIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < getPageCount(); i++) {
            ids.add(((FormPage) pages.get(i)).getId());
        }
        return ids;
    }

    @Override
    public void dispose() {
        disposed = true;
        getSite().getPage().removePartListener(activation);
        AnalysisRegistry.get().removeRecipient(recipient);
        AnalysisRegistry.get().close(file);
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    /** The analysis file that backs this editor. */
    public Path getFile() {
        return file;
    }

    /** Why the file could not be read, or null. */
    public String getError() {
        return error;
    }

    /** A form page whose body the editor fills with sections of tables once the analysis is read. */
    private static final class TablePage extends FormPage {
        private final Consumer<Composite> content;
        private IManagedForm managedForm;

        TablePage(AnalysisEditor editor, String id, String title, Consumer<Composite> content) {
            super(editor, id, title);
            this.content = content;
        }

        @Override
        protected void createFormContent(IManagedForm form) {
            managedForm = form;
            form.getForm().setText(getEditor().getPartName() + " — " + getTitle());
            form.getToolkit().decorateFormHeading(form.getForm().getForm());
            GridLayoutFactory.swtDefaults().applyTo(form.getForm().getBody());
            // the tables in an event of their own: opening the editor is then two short events, not one long one
            form.getToolkit().createLabel(form.getForm().getBody(), "Showing " + getEditor().getPartName() + "…");
            form.getForm().getDisplay().asyncExec(this::refresh);
        }

        /** Shows the analysis, the reading message or the error, whichever the editor has now. */
        void refresh() {
            if (managedForm == null || managedForm.getForm().isDisposed()) {
                return;
            }
            AnalysisEditor editor = (AnalysisEditor) getEditor();
            ScrolledForm form = managedForm.getForm();
            Composite body = form.getBody();
            for (Control child : body.getChildren()) {
                child.dispose();
            }
            boolean analysing = AnalysisRegistry.get().isAnalysing(editor.file);
            if (editor.analysis != null) {
                form.setMessage(analysing ? "Analysing again: these are the previous results until the run ends" : null,
                        analysing ? IMessageProvider.INFORMATION : IMessageProvider.NONE);
                content.accept(body);
            } else if (editor.error != null) {
                form.setMessage("This analysis file cannot be shown", IMessageProvider.ERROR);
                Label message = managedForm.getToolkit().createLabel(body, editor.error, SWT.WRAP);
                GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(message);
            } else if (analysing) {
                form.setMessage(null, IMessageProvider.NONE);
                Label message = managedForm.getToolkit().createLabel(body, "Analysing… the results appear here when "
                        + "the run ends (progress and Cancel in the Progress view).", SWT.WRAP);
                GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(message);
            } else {
                managedForm.getToolkit().createLabel(body, "Reading " + editor.file.getFileName() + "…");
            }
            form.reflow(true);
        }
    }
}
