// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;
using Snapshooter.Xunit3;
using TorchSharp;
using static TorchSharp.torch;
using static OssNet.Sdk.TorchSharp.Tests.Models.Baselines.UNetTestSupport;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

public sealed class ResidualUNet3DTests
{
    [Fact]
    public void StateDict_Tiny3D_MatchesSnapshot()
    {
        using var model = new ResidualUNet3D(UNetPresets.Tiny3D);

        Snapshot.Match(StateDictionaryLines(model));
    }

    [Fact]
    public void Constructor_TwoDimensionalOptions_ThrowsPointingToTheRightType()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResidualUNet3D(UNetPresets.Tiny2D));

        Assert.Contains("tiny_2d", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ResidualUNet2D), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Tiny3DForThirtyAdamSteps_OnOneSphereVolume_ReachesDiceAbove0_9()
    {
        using var scope = torch.NewDisposeScope();
        var options = UNetPresets.Tiny3D;
        options.Seed = 5;
        using var model = new ResidualUNet3D(options);
        var (image, label) = NoisySphere(size: 16, center: (6.5, 9.0, 7.5), radius: 4.5, noise: 0.3, seed: 6);
        var before = Dice(model, image, label);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 3e-2);

        model.train();
        for (var step = 0; step < 30; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(image), label);
            loss.backward();
            optimizer.step();
        }

        var after = Dice(model, image, label);

        // The untrained network must not already pass, or the test could not fail.
        Assert.True(before < 0.9, $"Dice before training is already {before:F3}");
        Assert.True(after > 0.9, $"Dice after 30 steps is {after:F3} (before: {before:F3})");
    }

    /// <summary>A 1-channel volume [1, 1, n, n, n]: 1 inside a ball, 0 outside, plus seeded Gaussian noise; and its label.</summary>
    private static (Tensor Image, Tensor Label) NoisySphere(long size, (double X, double Y, double Z) center, double radius, double noise, ulong seed)
    {
        var axis = torch.arange(size, dtype: ScalarType.Float32);
        var x = axis.view(size, 1, 1) - center.X;
        var y = axis.view(1, size, 1) - center.Y;
        var z = axis.view(1, 1, size) - center.Z;
        var label = (x.square() + y.square() + z.square()).le(radius * radius).to_type(ScalarType.Float32).view(1, 1, size, size, size);
        var image = label + (noise * torch.randn(label.shape, generator: new torch.Generator(seed)));
        return (image, label);
    }

    /// <summary>Dice of the prediction (logit &gt; 0) against <paramref name="label"/>, with the batch's own statistics.</summary>
    /// <remarks>
    /// Training mode on purpose: after 30 steps the batch norms' running averages (momentum 0.1) still lag the weights,
    /// so eval mode would measure the lag, not whether the network fits the volume (0.57–0.87 eval vs 0.99–1.0 here
    /// over seeds 5–9). No gradients are recorded.
    /// </remarks>
    private static double Dice(ResidualUNet3D model, Tensor image, Tensor label)
    {
        using var scope = torch.NewDisposeScope();
        model.train();
        using var noGrad = torch.no_grad();
        var prediction = model.Predict(image).gt(0).to_type(ScalarType.Float32);
        var intersection = (prediction * label).sum().item<float>();
        var total = prediction.sum().item<float>() + label.sum().item<float>();
        return total == 0 ? 1.0 : 2.0 * intersection / total;
    }
}
