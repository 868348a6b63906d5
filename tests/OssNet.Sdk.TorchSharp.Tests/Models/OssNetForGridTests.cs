// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

/// <summary><see cref="OssNetOptions.ForGrid"/>: shapes derived from the grid, the BraTS presets reproduced exactly.</summary>
public sealed class OssNetForGridTests
{
    public static TheoryData<OssNetVariant, string, long> BraTsPresets => new()
    {
        { OssNetVariant.ONet, "vanilla_o_net_wide_bra_ts", 6_890_753 },
        { OssNetVariant.A, "oss_net_A_bra_ts", 7_245_438 },
        { OssNetVariant.B, "oss_net_B_bra_ts", 7_254_358 },
        { OssNetVariant.C, "oss_net_full_bra_ts", 8_695_733 },
        { OssNetVariant.D, "oss_net_full2_bra_ts", 8_704_653 },
    };

    [Theory]
    [MemberData(nameof(BraTsPresets))]
    public void ForGrid_BraTsGrid_BuildsTheBraTsPresetExactly(OssNetVariant variant, string preset, long parameters)
    {
        var options = OssNetOptions.ForGrid(new VolumeShape(256, 256, 160), inputChannels: 4, classes: 2, variant);
        using var model = OssNetModel.Create(options);
        Assert.Equal(parameters, model.TrainableParameterCount);
        var expected = ReferenceStateDictionary.Read(preset);
        var actual = ReferenceStateDictionary.Of(model);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(256, 256, 160, 4, 32, 320, 320)]
    [InlineData(128, 128, 128, 4, 32, 64, 64)]
    [InlineData(160, 192, 160, 4, 32, 150, 150)]
    [InlineData(96, 96, 64, 3, 16, 144, 144)]
    [InlineData(32, 32, 32, 2, 8, 64, 64)]
    [InlineData(16, 48, 16, 1, 4, 192, 128)]
    [InlineData(512, 512, 32, 2, 8, 16384, 256)]
    public void ForGrid_Grid_DerivesStagesMultipleAndLatentSize(int x, int y, int z, int stages, int multiple, int plainLatent, int skipLatent)
    {
        var grid = new VolumeShape(x, y, z);
        Assert.Equal(stages, OssNetOptions.EncoderStages(grid));
        Assert.Equal(multiple, OssNetOptions.GridMultiple(grid));
        foreach (var variant in Enum.GetValues<OssNetVariant>())
        {
            var options = OssNetOptions.ForGrid(grid, inputChannels: 1, classes: 3, variant);
            var skip = variant is OssNetVariant.C or OssNetVariant.D;
            Assert.Equal(skip ? skipLatent : plainLatent, options.LatentFeatures);
            Assert.Equal(stages, options.EncoderChannels.Count);
            Assert.Equal(16 << (stages - 1), options.EncoderChannels[^1]);
            Assert.Equal(new VolumeShape(x / 2, y / 2, z / 2), options.EncoderInputShape);
            Assert.Equal(grid, options.FullResolutionShape);
            Assert.Equal(3, options.Classes);
            Assert.Equal(skip, options.UseLowResolutionHead);
        }
    }

    [Fact]
    public void ForGrid_SmallGridThreeClassesC_RunsForwardWithDerivedShapes()
    {
        var options = OssNetOptions.ForGrid(new VolumeShape(96, 96, 64), 2, 3, OssNetVariant.D, decoderWidth: 16, decoderBlocks: 2, encoderBaseChannels: 4);
        Assert.Equal("oss_net_D_96x96x64_3_classes", options.Name);
        Assert.Equal([4, 8, 16], options.EncoderChannels);
        Assert.Equal([16, 16], options.DecoderWidths);
        using var model = OssNetModel.Create(options);
        using var inputs = new ModelInputs(model.Options, batch: 1, points: 5, seed: 9);
        var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        using (logits)
        using (lowResolution)
        {
            Assert.Equal(new[] { 1L, 5, 3 }, logits.shape);
            Assert.Equal(new[] { 1L, 3, 6, 6, 4 }, lowResolution!.shape);
            Assert.Equal(3, model.LatentCount);
            Assert.Equal(144, model.LatentFeatures);
        }
    }

    [Theory]
    [InlineData(100, 100, 100, "multiple of 16")]
    [InlineData(256, 256, 150, "multiple of 32")]
    [InlineData(96, 96, 60, "multiple of 8")]
    public void ForGrid_GridTheEncoderCannotDivide_NamesGridAndMultiple(int x, int y, int z, string multiple)
    {
        var ex = Assert.Throws<ArgumentException>(() => OssNetOptions.ForGrid(new VolumeShape(x, y, z), 1, 2, OssNetVariant.C));
        Assert.Contains($"{x}×{y}×{z}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(multiple, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForGrid_TooSmallGrid_SaysTheMinimum()
    {
        var ex = Assert.Throws<ArgumentException>(() => OssNetOptions.ForGrid(new VolumeShape(64, 64, 8), 1, 2, OssNetVariant.A));
        Assert.Contains("64×64×8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at least 16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForGrid_MultiplesOf32_AlwaysFit()
    {
        foreach (var extent in new[] { 32, 64, 96, 128, 160, 192, 224, 256, 288, 512 })
        {
            var grid = new VolumeShape(extent, 64, 32 + extent);
            Assert.Equal(0, OssNetOptions.MaxGridMultiple % OssNetOptions.GridMultiple(grid));
            OssNetOptions.ForGrid(grid, 1, 2, OssNetVariant.C).Validate();
        }
    }
}
