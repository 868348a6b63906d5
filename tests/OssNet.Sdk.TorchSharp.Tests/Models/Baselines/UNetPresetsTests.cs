// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

public sealed class UNetPresetsTests
{
    /// <summary>OSS-Net C on BraTS (spec §2.4), the capacity the baselines are sized against.</summary>
    private const long OssNetCBraTsParameters = 8_695_733;

    /// <summary>Preset and its trainable parameter count as documented (XML docs, docs/models/baselines.md).</summary>
    public static TheoryData<string, long> DocumentedParameterCounts => new()
    {
        { "residual_unet_3d_bra_ts", 8_959_221 },
        { "residual_unet_2d_bra_ts", 8_111_797 },
        { "residual_unet_3d_lits", 8_957_541 },
        { "residual_unet_2d_lits", 8_110_837 },
        { "tiny_3d", 5_613 },
        { "tiny_2d", 7_901 },
    };

    [Theory]
    [MemberData(nameof(DocumentedParameterCounts))]
    public void Create_Preset_ParameterCountEqualsTheLayerFormulaAndTheDocumentedNumber(string preset, long documented)
    {
        var options = UNetPresets.FromName(preset);
        using var model = ResidualUNet.Create(options);

        Assert.Equal(documented, UNetParameterFormula.Count(options));
        Assert.Equal(documented, model.TrainableParameterCount);
        Assert.Equal(documented, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Formula_BraTs3DByHand_MatchesTheLayerList()
    {
        // 20-40-80-160-320, 4 input channels, PAU (10 each, 2 per block), transposed up-sampling, 1x1 head.
        long Block(long i, long o) => (27 * i * o) + (27 * o * o) + (4 * o) + 20 + (i != o ? i * o : 0);
        var encoder = Block(4, 20) + Block(20, 40) + Block(40, 80) + Block(80, 160) + Block(160, 320);
        var decoder = (8 * 320 * 160) + 160 + Block(320, 160) + (8 * 160 * 80) + 80 + Block(160, 80)
            + (8 * 80 * 40) + 40 + Block(80, 40) + (8 * 40 * 20) + 20 + Block(40, 20);

        Assert.Equal(8_959_221, encoder + decoder + 20 + 1);
        Assert.Equal(8_959_221, UNetParameterFormula.Count(UNetPresets.BraTs3D));
    }

    [Theory]
    [InlineData("residual_unet_3d_bra_ts")]
    [InlineData("residual_unet_2d_bra_ts")]
    public void BraTsPresets_AreWithinTenPercentOfOssNetC(string preset)
    {
        var ratio = UNetParameterFormula.Count(UNetPresets.FromName(preset)) / (double)OssNetCBraTsParameters;

        Assert.InRange(ratio, 0.9, 1.1);
    }

    [Fact]
    public void FromName_EveryName_ReturnsAValidPresetOfThatName()
    {
        Assert.All(UNetPresets.Names, name =>
        {
            var options = UNetPresets.FromName(name.ToUpperInvariant());
            options.Validate();
            Assert.Equal(name, options.Name);
            Assert.Equal(name.Contains("_3d", StringComparison.Ordinal) ? 3 : 2, options.SpatialDimensions);
        });
    }

    [Fact]
    public void FromName_Unknown_ThrowsListingTheNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => UNetPresets.FromName("unet_4d"));

        Assert.Contains("unet_4d", ex.Message, StringComparison.Ordinal);
        Assert.Contains("residual_unet_3d_bra_ts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_ReturnNewInstances()
    {
        var first = UNetPresets.BraTs3D;
        first.BaseChannels = 1;

        Assert.Equal(20, UNetPresets.BraTs3D.BaseChannels);
    }
}
