// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

/// <summary>The trainable parameter count of a residual U-Net, from its layer list (independent of the model code).</summary>
/// <remarks>
/// With K = 3^d (a 3×3(×3) kernel) and P the parameters of one activation (10 for a PAU):
/// block(i → o) = K·i·o + K·o·o (two bias-free convolutions) + 2·2·o (two affine batch norms) + 2·P (two activations)
/// + i·o (the bias-free 1×1 projection, only when i ≠ o).
/// Encoder: block(C_in → c_0) + Σ_{k≥1} block(c_(k−1) → c_k). Decoder level k: transposed convolution
/// 2^d·c_(k+1)·c_k + c_k then block(2·c_k → c_k), or (interpolation) block(c_(k+1) + c_k → c_k). Head: c_0·C_out + C_out.
/// </remarks>
internal static class UNetParameterFormula
{
    internal const long PadeParameters = 10;

    internal static long Block(int d, long input, long output, long activationParameters = PadeParameters)
    {
        var k = Pow(3, d);
        var projection = input != output ? input * output : 0;
        return (k * input * output) + (k * output * output) + (4 * output) + (2 * activationParameters) + projection;
    }

    internal static long Count(UNetOptions options, long activationParameters = PadeParameters)
    {
        var d = options.SpatialDimensions;
        var c = new long[options.Depth];
        for (var level = 0; level < c.Length; level++)
        {
            c[level] = options.BaseChannels * Pow(options.ChannelMultiplier, level);
        }

        var total = Block(d, options.InputChannels, c[0], activationParameters);
        for (var level = 1; level < c.Length; level++)
        {
            total += Block(d, c[level - 1], c[level], activationParameters);
        }

        for (var level = 0; level < c.Length - 1; level++)
        {
            total += options.UseTransposedConvolution
                ? (Pow(2, d) * c[level + 1] * c[level]) + c[level] + Block(d, 2 * c[level], c[level], activationParameters)
                : Block(d, c[level + 1] + c[level], c[level], activationParameters);
        }

        return total + (c[0] * options.OutputChannels) + options.OutputChannels;
    }

    private static long Pow(long value, int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }
}
