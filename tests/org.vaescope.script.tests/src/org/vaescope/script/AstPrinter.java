package org.vaescope.script;

import org.vaescope.script.ast.Condition;
import org.vaescope.script.ast.Identifier;
import org.vaescope.script.ast.IndexSelection;
import org.vaescope.script.ast.Node;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.NumberRange;
import org.vaescope.script.ast.GeneratorParameter;
import org.vaescope.script.ast.Script;
import org.vaescope.script.ast.StringLiteral;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a syntax tree compactly, without spans, so tests can compare trees as strings. */
public final class AstPrinter {

    private AstPrinter() {
    }

    public static String print(Script script) {
        return script.statements().stream().map(AstPrinter::print).collect(Collectors.joining("\n"));
    }

    public static String print(Object node) {
        if (node == null) {
            return "-";
        }
        if (node instanceof Identifier id) {
            return id.text();
        }
        if (node instanceof NumberLiteral n) {
            return n.text();
        }
        if (node instanceof StringLiteral s) {
            return "\"" + s.value() + "\"";
        }
        if (node instanceof IndexSelection sel) {
            return sel.all() ? "all" : sel.ranges().stream()
                    .map(r -> r.first() == r.last() ? "" + r.first() : r.first() + ".." + r.last())
                    .collect(Collectors.joining(","));
        }
        if (node instanceof NumberRange r) {
            return r.from().text() + ".." + r.to().text();
        }
        if (node instanceof Condition c) {
            return c.assignments().stream().map(a -> a.factor().text() + "=" + print(a.value()))
                    .collect(Collectors.joining(",", "(", ")"));
        }
        if (node instanceof GeneratorParameter p) {
            return p.name().text() + "=" + print(p.value());
        }
        if (node instanceof List<?> list) {
            return list.stream().map(AstPrinter::print).collect(Collectors.joining(", ", "[", "]"));
        }
        if (node instanceof Enum<?> e) {
            return e.name();
        }
        if (node instanceof Record record) {
            StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('(');
            boolean first = true;
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (component.getName().equals("span")) {
                    continue;
                }
                if (!first) {
                    text.append(", ");
                }
                first = false;
                try {
                    text.append(print(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return text.append(')').toString();
        }
        return String.valueOf(node);
    }

    /** Every node reachable from a node (records, lists), the node included. */
    public static void forEachNode(Object node, java.util.function.Consumer<Node> action) {
        if (node instanceof List<?> list) {
            list.forEach(element -> forEachNode(element, action));
            return;
        }
        if (node instanceof Node n) {
            action.accept(n);
        }
        if (node instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    forEachNode(component.getAccessor().invoke(record), action);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
