import java.nio.file.Path;
import java.util.*;
import org.vaescope.core.analysis.*;
import org.vaescope.core.data.FactorDataset;
import org.vaescope.core.hooks.HookPoint;
import org.vaescope.core.imports.VaeFiles;
import org.vaescope.core.interventions.*;
import org.vaescope.core.pipeline.Reproduction;

/**
 * Circuit modularity of a dSprites model on independent sets of 32 pairs per factor (docs/results.md,
 * circuits): how far the reported value moves with the pairs it was found on. Each set runs the
 * analysis's circuit search and ablation check (CircuitDiscovery.find) with the default settings.
 *
 * <pre>
 * java -cp CLASSPATH ModularitySpread.java MODEL.vsm SETS
 * </pre>
 * CLASSPATH is the one the last line of ./vaescope builds.
 */
public class ModularitySpread {
    public static void main(String[] a) throws Exception {
        var model = VaeFiles.open(Path.of(a[0])).model();
        FactorDataset data = Reproduction.dataset("dsprites", 32);
        List<String> factors = List.of("shape", "scale", "orientation", "posX", "posY");
        Set<String> optIn = Set.of(model.inputHook(), model.outputHook(), "latent.z", "latent.logvar");
        List<String> hooks = model.hookPoints().stream().map(HookPoint::name).filter(h -> !optIn.contains(h)).toList();
        for (int set = 0; set < Integer.parseInt(a[1]); set++) {
            SplittableRandom seeds = new SplittableRandom(1000 + set);
            List<Pairs> find = new ArrayList<>(), check = new ArrayList<>();
            for (String f : factors) find.add(Pairs.differingIn(data, data.factorIndex(f), 32, seeds.nextLong()));
            for (String f : factors) check.add(Pairs.differingIn(data, data.factorIndex(f), 32, seeds.nextLong()));
            long t = System.nanoTime();
            FactorCircuits c = CircuitDiscovery.find(model, hooks, find, check, factors, AnalysisSettings.defaults(), seeds.nextLong(), null);
            StringBuilder sizes = new StringBuilder();
            for (int k = 0; k < factors.size(); k++) sizes.append(c.circuits().size(k)).append(' ');
            System.out.printf(Locale.ROOT, "set %d modularity %.4f sizes %s(%.0f s)%n", set, c.modularity().value(), sizes, (System.nanoTime() - t) / 1e9);
        }
    }
}
