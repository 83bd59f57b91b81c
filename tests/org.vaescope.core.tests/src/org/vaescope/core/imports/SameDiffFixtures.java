package org.vaescope.core.imports;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.vaescope.core.hooks.StagedModel;

/**
 * SameDiff VAEs built with SameDiff's own operations, with the weights of the ONNX fixture's PyTorch VAE
 * (VAEScope's conv pair, {@link ConvVaeShape#FIXTURE}, or another export's shape): an encoder (image →
 * {@code mu}, {@code logvar}), a decoder (z → {@code logits}) and one graph holding both with a sigmoid at
 * the end. The layers use different SameDiff forms on purpose: convolution weights in the default
 * [kH, kW, in, out] layout and in [out, in, kH, kW], products as matmul + biasadd, matmul + add and xw_plus_b.
 */
final class SameDiffFixtures {

    private SameDiffFixtures() {
    }

    static SameDiff encoder(StagedModel weights) {
        return encoder(weights, "mu", "logvar");
    }

    /** The encoder with its outputs μ and log σ² named {@code mu} and {@code logvar}. */
    static SameDiff encoder(StagedModel weights, String mu, String logvar) {
        return encoder(weights, ConvVaeShape.FIXTURE, mu, logvar);
    }

    /** The encoder of a model of {@code shape}. */
    static SameDiff encoder(StagedModel weights, ConvVaeShape shape, String mu, String logvar) {
        SameDiff sd = SameDiff.create();
        SDVariable image = sd.placeHolder("image", DataType.FLOAT, -1, 1, shape.side(), shape.side());
        addEncoder(sd, shape, image, weights, mu, logvar);
        return sd;
    }

    static SameDiff decoder(StagedModel weights) {
        return decoder(weights, ConvVaeShape.FIXTURE);
    }

    /** The decoder of a model of {@code shape}. */
    static SameDiff decoder(StagedModel weights, ConvVaeShape shape) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, shape.latent());
        addDecoder(sd, shape, z, weights, "logits");
        return sd;
    }

    /** Encoder and decoder in one graph; the decoder reads μ, and ends in a sigmoid. */
    static SameDiff wholeVae(StagedModel weights) {
        SameDiff sd = SameDiff.create();
        ConvVaeShape shape = ConvVaeShape.FIXTURE;
        SDVariable image = sd.placeHolder("image", DataType.FLOAT, -1, 1, shape.side(), shape.side());
        SDVariable mu = addEncoder(sd, shape, image, weights, "mu", "logvar");
        sd.nn.sigmoid("reconstruction", addDecoder(sd, shape, mu, weights, "logits"));
        return sd;
    }

    /** A small graph with the other operations VAEScope maps, on a 2 × 6 × 6 input. */
    static SameDiff operationGraph() {
        Nd4j.getRandom().setSeed(17);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2, 6, 6);
        SDVariable same = sd.cnn.conv2d("same_conv", x, sd.var("sw", rand(3, 3, 3, 2)), sd.var("sb", rand(3)),
                Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).paddingMode(PaddingMode.SAME)
                        .weightsFormat(WeightsFormat.OYXI).build());
        SDVariable elu = sd.nn.elu("elu", same);
        SDVariable norm = sd.nn.batchNorm("norm", elu, sd.constant("mean", rand(3)), sd.constant("var", rand(3).addi(0.5)),
                sd.var("gamma", rand(3)), sd.var("beta", rand(3)), 1e-3, 1);
        SDVariable leaky = sd.nn.leakyRelu("leaky", norm, 0.2);
        SDVariable swapped = sd.permute("swapped", leaky, 0, 1, 3, 2);
        SDVariable both = sd.concat("both", 1, swapped, sd.math.tanh("tanh", leaky));
        SDVariable up = sd.cnn.deconv2d("up", both, sd.var("uw", rand(2, 2, 2, 6)), DeConv2DConfig.builder().kH(2)
                .kW(2).sH(2).sW(2).isSameMode(true).build());
        SDVariable flat = sd.reshape("flat", up, -1, 2 * 6 * 6);
        SDVariable product = sd.mmul("product", flat, sd.var("pw", rand(5, 72)), false, true, false);
        SDVariable scaled = product.mul("scaled", 0.5).sub("shifted", sd.constant("offset", rand(5)));
        SDVariable gate = sd.nn.sigmoid("gate", scaled);
        SDVariable soft = sd.nn.softplus("soft", scaled);
        SDVariable ratio = sd.math.div("ratio", sd.math.exp("grown", gate), soft.add("positive", 1.0));
        sd.identity("out", sd.math.mul("gated", ratio, gate));
        return sd;
    }

    static Path save(SameDiff sd, Path file) throws IOException {
        sd.asFlatFile(file.toFile());
        return file;
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    }

    private static SDVariable addEncoder(SameDiff sd, ConvVaeShape shape, SDVariable image, StagedModel weights,
            String mu, String logvar) {
        SDVariable h = conv(sd, image, weights, "conv1", 4, 1, WeightsFormat.YXIO);
        h = conv(sd, h, weights, "conv2", 4, 1, WeightsFormat.OIYX);
        h = conv(sd, h, weights, "conv3", 2, 0, WeightsFormat.YXIO);
        h = conv(sd, h, weights, "conv4", 2, 0, WeightsFormat.YXIO);
        SDVariable flat = sd.reshape("flat", h, -1, shape.flat());
        SDVariable fc = sd.nn.biasAdd("fc_linear", sd.mmul("fc_product", flat, var(sd, weights, "encoder.fc.W")),
                bias(sd, weights, "encoder.fc"), true);
        fc = sd.nn.relu("fc", fc, 0);
        sd.nn.linear(logvar, fc, var(sd, weights, "latent.logvar.W"), bias(sd, weights, "latent.logvar"));
        return sd.math.add(mu, sd.mmul("mu_product", fc, var(sd, weights, "latent.mu.W")), bias(sd, weights, "latent.mu"));
    }

    private static SDVariable addDecoder(SameDiff sd, ConvVaeShape shape, SDVariable z, StagedModel weights,
            String logits) {
        SDVariable h = sd.nn.relu("fc1", sd.nn.linear("fc1_linear", z, var(sd, weights, "decoder.fc1.W"),
                bias(sd, weights, "decoder.fc1")), 0);
        h = sd.nn.relu("fc2", sd.nn.biasAdd("fc2_linear", sd.mmul("fc2_product", h, var(sd, weights, "decoder.fc2.W")),
                bias(sd, weights, "decoder.fc2"), true), 0);
        h = sd.reshape("unflatten", h, -1, shape.widths()[3], shape.cells(), shape.cells());
        h = sd.nn.relu("deconv1", deconv(sd, h, weights, "decoder.deconv1", "deconv1_linear"), 0);
        h = sd.nn.relu("deconv2", deconv(sd, h, weights, "decoder.deconv2", "deconv2_linear"), 0);
        h = sd.nn.relu("deconv3", deconv(sd, h, weights, "decoder.deconv3", "deconv3_linear"), 0);
        return deconv(sd, h, weights, "output.logits", logits);
    }

    /** A ReLU convolution, stride 2; the ONNX fixture's weights [out, in, kH, kW] written in {@code format}. */
    private static SDVariable conv(SameDiff sd, SDVariable in, StagedModel weights, String name, int kernel, int padding,
            WeightsFormat format) {
        INDArray onnx = weights.parameter("encoder." + name + ".W").value();
        INDArray w = switch (format) {
            case YXIO -> onnx.permute(2, 3, 1, 0);
            case OYXI -> onnx.permute(0, 2, 3, 1);
            case OIYX -> onnx;
        };
        SDVariable linear = sd.cnn.conv2d(name + "_linear", in, sd.var(name + "_W", w.dup('c')),
                bias(sd, weights, "encoder." + name), Conv2DConfig.builder().kH(kernel).kW(kernel).sH(2).sW(2)
                        .pH(padding).pW(padding).weightsFormat(format).build());
        return sd.nn.relu(name, linear, 0);
    }

    /** A 4 × 4, stride 2, pad 1 transposed convolution; SameDiff's weights are [kH, kW, out, in]. */
    private static SDVariable deconv(SameDiff sd, SDVariable in, StagedModel weights, String hook, String name) {
        INDArray onnx = weights.parameter(hook + ".W").value();
        return sd.cnn.deconv2d(name, in, sd.var(name + "_W", onnx.permute(2, 3, 1, 0).dup('c')), bias(sd, weights, hook),
                DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1).build());
    }

    private static SDVariable var(SameDiff sd, StagedModel weights, String parameter) {
        return sd.var(parameter.replace('.', '_'), weights.parameter(parameter).value().dup('c'));
    }

    private static SDVariable bias(SameDiff sd, StagedModel weights, String hook) {
        return sd.var(hook.replace('.', '_') + "_b", weights.parameter(hook + ".b").value().reshape(-1).dup('c'));
    }
}
