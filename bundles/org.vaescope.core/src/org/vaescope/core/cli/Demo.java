package org.vaescope.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.vaescope.core.model.DemoModels;
import org.vaescope.core.model.ModelInspector;
import org.vaescope.core.model.ModelLoadException;

/** The demo the README runs: writes the demo model and prints its structure. */
final class Demo {

    private static final long SEED = 42;

    private Demo() {
    }

    static int run(String[] args, PrintStream out) throws ModelLoadException {
        Path dir = Path.of(args.length > 0 ? args[0] : "vaescope-demo");
        Path model;
        try {
            model = DemoModels.writeConvEncoder(dir.resolve("demo-encoder.zip"), 10, SEED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo model into " + dir, e);
        }
        out.println("Demo model written to " + model);
        out.print(ModelInspector.describe(model).toText());
        return VaescopeCli.OK;
    }
}
