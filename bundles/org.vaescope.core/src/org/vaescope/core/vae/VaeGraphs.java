package org.vaescope.core.vae;

import org.vaescope.core.hooks.StagedModel;
import org.vaescope.core.internal.hooks.Activation;
import org.vaescope.core.internal.hooks.ConvStage;
import org.vaescope.core.internal.hooks.DenseStage;
import org.vaescope.core.internal.hooks.GaussianSamplerStage;
import org.vaescope.core.internal.hooks.VectorQuantizerStage;

/** Builds the staged graph of a VAE from its architecture and variant (weights uninitialised). */
final class VaeGraphs {

    private VaeGraphs() {
    }

    public static StagedModel build(Architecture a, VariantConfig variant) {
        StagedModel.Builder b = StagedModel.builder(VaeHooks.INPUT, a.imageShape());
        String features = a.kind() == Architecture.Kind.CONV ? convEncoder(b, a) : mlpEncoder(b, a);
        int featureSize = a.kind() == Architecture.Kind.CONV ? a.widths()[4] : a.widths()[a.widths().length - 1];
        int latent = a.latentSize();
        b.add(VaeHooks.LATENT_MU, new DenseStage(VaeHooks.LATENT_MU, featureSize, latent, Activation.IDENTITY), features);
        if (variant.variant().quantized()) {
            b.add(VaeHooks.LATENT_Z, new VectorQuantizerStage(VaeHooks.LATENT_Z, latent,
                    variant.getInt("codebookSize"), variant.getInt("codeDim")), VaeHooks.LATENT_MU);
        } else {
            b.add(VaeHooks.LATENT_LOGVAR, new DenseStage(VaeHooks.LATENT_LOGVAR, featureSize, latent,
                    Activation.IDENTITY), features);
            b.add(VaeHooks.LATENT_Z, new GaussianSamplerStage(), VaeHooks.LATENT_MU, VaeHooks.LATENT_LOGVAR);
        }
        if (a.kind() == Architecture.Kind.CONV) {
            convDecoder(b, a);
        } else {
            mlpDecoder(b, a);
        }
        return b.build(VaeHooks.OUTPUT);
    }

    private static String convEncoder(StagedModel.Builder b, Architecture a) {
        int[] w = a.widths();
        int[] kernels = {4, 4, 2, 2};
        int[] shape = a.imageShape();
        String previous = VaeHooks.INPUT;
        for (int i = 0; i < 4; i++) {
            String name = "encoder.conv" + (i + 1);
            ConvStage conv = ConvStage.conv(name, shape, w[i], kernels[i], 2, Activation.RELU);
            b.add(name, conv, previous);
            shape = conv.outputShape(java.util.List.of(shape));
            previous = name;
        }
        int flat = shape[0] * shape[1] * shape[2];
        b.add("encoder.fc", new DenseStage("encoder.fc", flat, w[4], Activation.RELU), previous);
        return "encoder.fc";
    }

    private static void convDecoder(StagedModel.Builder b, Architecture a) {
        int[] w = a.widths();
        int h = a.height() / 16;
        int wd = a.width() / 16;
        b.add("decoder.fc1", new DenseStage("decoder.fc1", a.latentSize(), w[4], Activation.RELU), VaeHooks.LATENT_Z);
        b.add("decoder.fc2", new DenseStage("decoder.fc2", w[4], w[3] * h * wd, Activation.RELU), "decoder.fc1");
        int[] shape = {w[3], h, wd};
        int[] outs = {w[2], w[1], w[0], a.channels()};
        String previous = "decoder.fc2";
        for (int i = 0; i < 4; i++) {
            boolean last = i == 3;
            String name = last ? VaeHooks.OUTPUT : "decoder.deconv" + (i + 1);
            ConvStage deconv = ConvStage.deconv(name, shape, outs[i], 4, 2, last ? Activation.IDENTITY : Activation.RELU);
            b.add(name, deconv, previous);
            shape = deconv.outputShape(java.util.List.of(shape));
            previous = name;
        }
    }

    private static String mlpEncoder(StagedModel.Builder b, Architecture a) {
        int[] w = a.widths();
        int in = a.imageSize();
        String previous = VaeHooks.INPUT;
        for (int i = 0; i < w.length; i++) {
            String name = "encoder.fc" + (i + 1);
            b.add(name, new DenseStage(name, in, w[i], Activation.RELU), previous);
            in = w[i];
            previous = name;
        }
        return previous;
    }

    private static void mlpDecoder(StagedModel.Builder b, Architecture a) {
        int[] w = a.widths();
        int in = a.latentSize();
        String previous = VaeHooks.LATENT_Z;
        for (int i = 0; i < w.length; i++) {
            String name = "decoder.fc" + (i + 1);
            int out = w[w.length - 1 - i];
            b.add(name, new DenseStage(name, in, out, Activation.RELU), previous);
            in = out;
            previous = name;
        }
        b.add(VaeHooks.OUTPUT, new DenseStage(VaeHooks.OUTPUT, in, a.imageSize(), Activation.IDENTITY,
                a.imageShape()), previous);
    }
}
