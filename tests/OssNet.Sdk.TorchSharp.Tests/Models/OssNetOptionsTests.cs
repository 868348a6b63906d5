// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

public sealed class OssNetOptionsTests
{
    public static TheoryData<string> PresetNames() => [.. OssNetPresets.ReferenceNames.Append("tiny").Append("tiny_o_net")];

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Validate_EveryPreset_PassesAndALatentSizeOffByOneFails(string name)
    {
        var options = OssNetPresets.FromName(name);
        options.Validate();

        // The same check rejects the preset once its latent size no longer matches its encoder geometry, so the pass above
        // is a real verdict.
        options.LatentFeatures += 1;
        var ex = Assert.Throws<ValidationException>(() => options.Validate());
        Assert.Contains(nameof(OssNetOptions.LatentFeatures), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LargeWithoutSmallPatches_NamesBothOptions()
    {
        var options = OssNetPresets.BraTs2020B;
        options.UseSmallPatches = false;
        var ex = Assert.Throws<ValidationException>(() => options.Validate());
        Assert.Contains("UseLargePatches requires UseSmallPatches", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HeadWithoutSkipEncoder_ExplainsE1E2()
    {
        var options = OssNetPresets.BraTs2020A;
        options.UseLowResolutionHead = true;
        var ex = Assert.Throws<ValidationException>(() => options.Validate());
        Assert.Contains("UseLowResolutionHead requires UseSkipEncoder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LatentSizeNotFollowingShape_GivesTheArithmetic()
    {
        var options = OssNetPresets.BraTs2020A;
        options.EncoderInputShape = new VolumeShape(128, 128, 96);
        var ex = Assert.Throws<ValidationException>(() => options.Validate());
        Assert.Contains("8·8·6 = 384", ex.Message, StringComparison.Ordinal);

        var skip = OssNetPresets.BraTs2020C;
        skip.EncoderOutputShape = new VolumeShape(8, 8, 8);
        Assert.Contains("8·8·8 = 512", Assert.Throws<ValidationException>(() => skip.Validate()).Message, StringComparison.Ordinal);
        skip.Validate(builtInEncoder: false);
    }

    [Fact]
    public void Validate_BadValues_ListsEachProblem()
    {
        var options = OssNetPresets.Tiny;
        options.InputChannels = 0;
        options.Dropout = 1.5;
        options.EncoderInputShape = new VolumeShape(4, 4, 4);
        var ex = Assert.Throws<ValidationException>(() => options.Validate());
        Assert.Contains("InputChannels", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Dropout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'tiny'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooSmallEncoderInput_SaysMinimum()
    {
        var options = OssNetPresets.Tiny;
        options.EncoderInputShape = new VolumeShape(32, 32, 4);
        Assert.Contains("at least 8", Assert.Throws<ValidationException>(() => options.Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_ListsAreIndependent()
    {
        var options = OssNetPresets.Tiny;
        var copy = options.Clone();
        copy.DecoderWidths[0] = 64;
        copy.EncoderChannels.Add(16);
        Assert.Equal(32, options.DecoderWidths[0]);
        Assert.Equal(3, options.EncoderChannels.Count);
    }

    [Fact]
    public void DerivedCounts_FollowFlags()
    {
        Assert.Equal(0, OssNetPresets.BraTs2020ONet.PatchChannels);
        Assert.Equal(4, OssNetPresets.BraTs2020A.PatchChannels);
        Assert.Equal(8, OssNetPresets.BraTs2020D.PatchChannels);
        Assert.Equal(2, OssNetPresets.LiTsB.PatchChannels);
        Assert.Equal(6, OssNetPresets.LiTsC.LatentCount);
        Assert.Equal(1, OssNetPresets.LiTsA.LatentCount);
    }

    [Fact]
    public void FromName_Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => OssNetPresets.FromName("oss_net_E1_bra_ts"));
        Assert.Contains("oss_net_full2_lits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiny_IsSmall()
    {
        using var tiny = OssNetModel.Create(OssNetPresets.Tiny);
        using var tinyONet = OssNetModel.Create(OssNetPresets.TinyONet);
        Assert.Equal(80_517, tiny.TrainableParameterCount); // encoder 24,454 + decoder 56,063 (docs/models/oss-net.md)
        Assert.Equal(40_949, tinyONet.TrainableParameterCount);
    }
}
