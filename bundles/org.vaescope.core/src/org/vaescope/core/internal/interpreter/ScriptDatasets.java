package org.vaescope.core.internal.interpreter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.vaescope.core.data.Datasets;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.script.ast.NumberLiteral;
import org.vaescope.script.ast.GeneratorParameter;
import org.vaescope.script.SandboxException;
import org.vaescope.script.SandboxPaths;
import org.vaescope.script.ast.Statement;

/**
 * Opens the dataset a script's {@code dataset} statement names. Generators go to
 * {@link Datasets#create}; the script's {@code causal(noise=q)} is the generator's strength 1 − q
 * (the probability that an effect does not copy its cause). Files go to {@link Datasets#open}:
 * {@code npz} is read as dSprites and, if that fails, as MPI3D; {@code h5} as 3DShapes; {@code norb}
 * as SmallNORB.
 */
public final class ScriptDatasets {

    private ScriptDatasets() {
    }

    /**
     * The dataset of a {@code dataset} statement.
     *
     * @throws SandboxException if a file name leaves the script folder
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException for an unknown generator, parameter or format
     */
    public static FactorDataset open(Statement statement, SandboxPaths sandbox) throws SandboxException, IOException {
        if (statement instanceof Statement.GeneratedDataset generated) {
            return Datasets.create(generated.generator().text(), parameters(generated));
        }
        if (statement instanceof Statement.FileDataset file) {
            Path path = sandbox.resolveInput(file.path().value());
            String format = file.format().text().toLowerCase(Locale.ROOT);
            return switch (format) {
                case "npz" -> openNpz(path);
                case "h5" -> Datasets.open(path, "3dshapes-h5");
                case "norb" -> Datasets.open(path, "smallnorb");
                default -> throw new IllegalArgumentException("unknown data format '" + format + "'");
            };
        }
        throw new IllegalArgumentException("not a dataset statement: " + statement);
    }

    /** The statement as a short text, e.g. {@code dsprites(size=32)} or {@code file data.npz (npz)}. */
    public static String describe(Statement statement) {
        if (statement instanceof Statement.GeneratedDataset generated) {
            StringBuilder text = new StringBuilder(generated.generator().text()).append('(');
            for (int i = 0; i < generated.parameters().size(); i++) {
                GeneratorParameter p = generated.parameters().get(i);
                text.append(i == 0 ? "" : ", ").append(p.name().text()).append('=').append(p.value().text());
            }
            return text.append(')').toString();
        }
        if (statement instanceof Statement.FileDataset file) {
            return "file " + file.path().value() + " (" + file.format().text() + ")";
        }
        return String.valueOf(statement);
    }

    private static Map<String, String> parameters(Statement.GeneratedDataset generated) {
        Map<String, String> params = new LinkedHashMap<>();
        for (GeneratorParameter p : generated.parameters()) {
            String name = p.name().text();
            if (generated.generator().text().equals("causal") && name.equals("noise")) {
                double noise = p.value() instanceof NumberLiteral n ? n.value() : Double.NaN;
                if (!(noise >= 0 && noise <= 1)) {
                    throw new IllegalArgumentException("parameter 'noise' of dataset 'causal' must be in [0, 1], got '"
                            + p.value().text() + "'");
                }
                params.put("strength", Double.toString(1 - noise));
            } else {
                params.put(name, p.value().text());
            }
        }
        return params;
    }

    private static FactorDataset openNpz(Path path) throws IOException {
        try {
            return Datasets.open(path, "dsprites-npz");
        } catch (IOException | RuntimeException dspritesFailure) {
            try {
                return Datasets.open(path, "mpi3d-npz");
            } catch (IOException | RuntimeException mpi3dFailure) {
                throw new IOException("'" + path.getFileName() + "' is neither a dSprites nor an MPI3D archive: "
                        + dspritesFailure.getMessage() + "; " + mpi3dFailure.getMessage(), dspritesFailure);
            }
        }
    }
}
