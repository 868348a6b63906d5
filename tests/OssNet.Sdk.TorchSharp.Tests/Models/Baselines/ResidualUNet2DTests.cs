// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using Snapshooter.Xunit3;
using TorchSharp;
using static TorchSharp.torch;
using static OssNet.Sdk.TorchSharp.Tests.Models.Baselines.UNetTestSupport;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

public sealed class ResidualUNet2DTests
{
    public static TheoryData<VolumeAxis> Axes => new() { VolumeAxis.X, VolumeAxis.Y, VolumeAxis.Z };

    [Fact]
    public void StateDict_Tiny2D_MatchesSnapshot()
    {
        using var model = new ResidualUNet2D(UNetPresets.Tiny2D);

        Snapshot.Match(StateDictionaryLines(model));
    }

    [Fact]
    public void Constructor_ThreeDimensionalOptions_ThrowsPointingToTheRightType()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResidualUNet2D(UNetPresets.BraTs3D));

        Assert.Contains("residual_unet_3d_bra_ts", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ResidualUNet3D), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Axes))]
    public void ToSlices_EachAxis_RowBTimesSPlusSIsSliceSOfVolumeB(VolumeAxis axis)
    {
        using var scope = torch.NewDisposeScope();
        var volumes = torch.arange(2 * 3 * 4 * 5 * 6, dtype: ScalarType.Float32).view(2, 3, 4, 5, 6);
        var count = volumes.shape[(int)axis];

        var slices = ResidualUNet2D.ToSlices(volumes, axis);

        Assert.Equal(2 * count, slices.shape[0]);
        Assert.Equal(3, slices.shape[1]);
        for (var b = 0; b < 2; b++)
        {
            for (var s = 0; s < count; s++)
            {
                // volumes[b] is [C, X, Y, Z]: the axis is one dimension lower there.
                var expected = volumes[b].select((int)axis - 1, s);
                Assert.True(Identical(expected, slices[(b * count) + s]), $"slice {s} of volume {b}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Axes))]
    public void FromSlices_InvertsToSlices(VolumeAxis axis)
    {
        using var scope = torch.NewDisposeScope();
        var volumes = RandomInput([2, 3, 5, 6, 7], seed: 40);

        var roundTrip = ResidualUNet2D.FromSlices(ResidualUNet2D.ToSlices(volumes, axis), 2, axis);

        Assert.True(Identical(volumes, roundTrip));
        Assert.True(roundTrip.is_contiguous());
    }

    [Fact]
    public void FromSlices_CountNotAMultipleOfTheBatch_ThrowsNamingTheShape()
    {
        using var slices = torch.zeros(new long[] { 7, 1, 4, 4 });

        var ex = Assert.Throws<ArgumentException>(() => ResidualUNet2D.FromSlices(slices, 2, VolumeAxis.Z));

        Assert.Contains("[7, 1, 4, 4]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Axes))]
    public void PredictVolume_InChunks_EqualsOneForwardOverAllSlices(VolumeAxis axis)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResidualUNet2D(Options(2, "tiny"));
        model.eval();
        using var inference = torch.inference_mode();
        var volumes = RandomInput([2, 1, 9, 10, 11], seed: 41);
        var expected = ResidualUNet2D.FromSlices(model.Predict(ResidualUNet2D.ToSlices(volumes, axis)), 2, axis);

        var actual = model.PredictVolume(volumes, axis, slicesPerForward: 4);

        Assert.Equal(new long[] { 2, 1, 9, 10, 11 }, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max |diff| = {(expected - actual).abs().max().item<float>()}");
    }

    [Fact]
    public void PredictVolume_LeaksNoTensors()
    {
        using var model = new ResidualUNet2D(Options(2, "tiny"));
        model.eval();
        using var volumes = RandomInput([1, 1, 9, 10, 11], seed: 42);

        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var inference = torch.inference_mode();
            using var logits = model.PredictVolume(volumes, VolumeAxis.Y, slicesPerForward: 3);
        });
    }

    [Fact]
    public void PredictVolume_WrongChannels_ThrowsNamingTheShape()
    {
        using var model = new ResidualUNet2D(Options(2, "tiny"));
        using var volumes = torch.zeros(new long[] { 1, 2, 4, 4, 4 });

        var ex = Assert.Throws<ArgumentException>(() => model.PredictVolume(volumes));

        Assert.Contains("[1, 2, 4, 4, 4]", ex.Message, StringComparison.Ordinal);
    }
}
