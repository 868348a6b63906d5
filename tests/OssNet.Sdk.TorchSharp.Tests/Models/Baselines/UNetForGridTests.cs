// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static OssNet.Sdk.TorchSharp.Tests.Models.Baselines.UNetTestSupport;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

/// <summary><see cref="UNetOptions.ForGrid"/> and the class convention (2 = one sigmoid channel, N ≥ 3 = N channels).</summary>
public sealed class UNetForGridTests
{
    private static readonly VolumeShape s_braTsGrid = new(256, 256, 160);

    /// <summary>Grid, kind, slice axis and the depth the derivation must give.</summary>
    public static TheoryData<VolumeShape, UNetKind, VolumeAxis, int> Depths => new()
    {
        { new VolumeShape(256, 256, 160), UNetKind.Volumetric3D, VolumeAxis.Z, 5 },   // capped at the presets' depth
        { new VolumeShape(128, 128, 96), UNetKind.Volumetric3D, VolumeAxis.Z, 5 },
        { new VolumeShape(64, 64, 40), UNetKind.Volumetric3D, VolumeAxis.Z, 4 },      // 40 = 8·5: three exact halvings
        { new VolumeShape(32, 32, 20), UNetKind.Volumetric3D, VolumeAxis.Z, 3 },      // 20 → 5 after two
        { new VolumeShape(16, 16, 16), UNetKind.Volumetric3D, VolumeAxis.Z, 3 },      // 16 → 4 = the bottleneck floor
        { new VolumeShape(64, 64, 7), UNetKind.SliceWise2D, VolumeAxis.Z, 5 },        // the slice axis is never pooled
        { new VolumeShape(48, 5, 64), UNetKind.SliceWise2D, VolumeAxis.Y, 4 },        // 48 = 16·3 → 3 < 4 after four
        { new VolumeShape(9, 24, 32), UNetKind.SliceWise2D, VolumeAxis.X, 3 },        // 24 = 4·6 → 6 < 8 after three
    };

    /// <summary>Grids that do not fit, the kind and a fragment of the message.</summary>
    public static TheoryData<VolumeShape, UNetKind, VolumeAxis, string> Misfits => new()
    {
        { new VolumeShape(30, 32, 32), UNetKind.Volumetric3D, VolumeAxis.Z, "x extent 30 is not a multiple of 4" },
        { new VolumeShape(32, 32, 17), UNetKind.Volumetric3D, VolumeAxis.Z, "z extent 17 is not a multiple of 4" },
        { new VolumeShape(32, 8, 32), UNetKind.Volumetric3D, VolumeAxis.Z, "y extent 8 is below 16" },
        { new VolumeShape(64, 62, 7), UNetKind.SliceWise2D, VolumeAxis.Z, "y extent 62 is not a multiple of 4" },
        { new VolumeShape(33, 64, 64), UNetKind.SliceWise2D, VolumeAxis.Z, "(e.g. x = 32)" },
    };

    [Theory]
    [InlineData(UNetKind.Volumetric3D, "residual_unet_3d_bra_ts", 8_959_221)]
    [InlineData(UNetKind.SliceWise2D, "residual_unet_2d_bra_ts", 8_111_797)]
    public void ForGrid_BraTsGridBinary_EqualsThePresetAndItsParameterCount(UNetKind kind, string preset, long parameters)
    {
        var derived = UNetOptions.ForGrid(s_braTsGrid, inputChannels: 4, classes: 2, kind);
        var expected = UNetPresets.FromName(preset);

        Assert.Equal(expected.LevelChannels, derived.LevelChannels);
        Assert.Equal(expected.SpatialDimensions, derived.SpatialDimensions);
        Assert.Equal(1, derived.OutputChannels);
        Assert.Equal(parameters, UNetParameterFormula.Count(derived));
        Assert.Equal(parameters, UNetParameterFormula.Count(expected));
    }

    [Theory]
    [MemberData(nameof(Depths))]
    public void ForGrid_DerivesTheDeepestDepthThatHalvesTheGridExactly(VolumeShape grid, UNetKind kind, VolumeAxis axis, int depth)
    {
        var options = UNetOptions.ForGrid(grid, inputChannels: 1, classes: 2, kind, axis);

        Assert.Equal(depth, options.Depth);
        Assert.Equal(kind == UNetKind.Volumetric3D ? 3 : 2, options.SpatialDimensions);
        Assert.Equal(kind == UNetKind.Volumetric3D ? 20 : 32, options.BaseChannels);
    }

    [Theory]
    [MemberData(nameof(Misfits))]
    public void ForGrid_GridThatDoesNotFit_ThrowsNamingTheAxisAndTheFix(VolumeShape grid, UNetKind kind, VolumeAxis axis, string fragment)
    {
        var ex = Assert.Throws<ArgumentException>(() => UNetOptions.ForGrid(grid, 1, 2, kind, axis));

        Assert.Equal("grid", ex.ParamName);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{grid.X}×{grid.Y}×{grid.Z}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(257)]
    public void ForGrid_ClassesOutOfRange_Throws(int classes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UNetOptions.ForGrid(new VolumeShape(16, 16, 16), 1, classes, UNetKind.Volumetric3D));

    [Fact]
    public void ForGrid_MaximumDepthAndBaseChannels_TakeEffect()
    {
        var options = UNetOptions.ForGrid(s_braTsGrid, 1, 2, UNetKind.Volumetric3D, baseChannels: 8, maximumDepth: 4);

        Assert.Equal(new long[] { 8, 16, 32, 64 }, options.LevelChannels);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(5, 5)]
    public void Classes_SetTheOutputChannels_TwoIsOneSigmoidChannel(int classes, int channels)
    {
        var options = new UNetOptions { Classes = classes };

        Assert.Equal(channels, options.OutputChannels);
    }

    [Theory]
    [InlineData(UNetKind.Volumetric3D, new long[] { 2, 2, 16, 16, 20 })]
    [InlineData(UNetKind.SliceWise2D, new long[] { 5, 2, 16, 20 })]
    public void ForGrid_ThreeClasses_ModelOutputsThreeLogitChannelsOfTheInputsSize(UNetKind kind, long[] inputShape)
    {
        using var scope = torch.NewDisposeScope();
        var options = UNetOptions.ForGrid(new VolumeShape(16, 20, 16), inputChannels: 2, classes: 3, kind, VolumeAxis.Y, baseChannels: 2);
        using var model = ResidualUNet.Create(options);

        var logits = model.call(RandomInput(inputShape, seed: 3));

        var expected = (long[])inputShape.Clone();
        expected[1] = 3;
        Assert.Equal(expected, logits.shape);
        Assert.Equal(3, model.Classes);
        Assert.Equal(UNetParameterFormula.Count(options), model.TrainableParameterCount);
    }
}
