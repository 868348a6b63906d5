// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;
using Snapshooter;
using Snapshooter.Xunit3;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

/// <summary>Fidelity to the official code: parameter counts (spec §2.4) and state-dict layout (the official checkpoints' keys).</summary>
public sealed class OssNetModelReferenceTests
{
    /// <summary>Preset name, encoder, decoder and total trainable parameters from spec §2.4.</summary>
    public static TheoryData<string, long, long, long> ParameterCounts => new()
    {
        { "vanilla_o_net_wide_bra_ts", 907_421, 5_983_332, 6_890_753 },
        { "oss_net_A_bra_ts", 907_421, 6_338_017, 7_245_438 },
        { "oss_net_B_bra_ts", 907_421, 6_346_937, 7_254_358 },
        { "oss_net_full_bra_ts", 2_357_716, 6_338_017, 8_695_733 },
        { "oss_net_full2_bra_ts", 2_357_716, 6_346_937, 8_704_653 },
        { "vanilla_o_net_wide_lits", 911_217, 8_146_020, 9_057_237 },
        { "oss_net_A_lits", 911_217, 8_497_960, 9_409_177 },
        { "oss_net_B_lits", 911_217, 8_498_303, 9_409_520 },
        { "oss_net_full_lits", 2_368_530, 8_497_960, 10_866_490 },
        { "oss_net_full2_lits", 2_368_530, 8_498_303, 10_866_833 },
    };

    public static TheoryData<string> ReferenceNames => new(OssNetPresets.ReferenceNames);

    [Theory]
    [MemberData(nameof(ParameterCounts))]
    public void Create_Preset_TrainableParameterCountsEqualSpec(string preset, long encoder, long decoder, long total)
    {
        using var model = OssNetModel.Create(preset);
        Assert.Equal(encoder, model.Encoder.parameters().Where(p => p.requires_grad).Sum(p => p.numel()));
        Assert.Equal(decoder, model.Decoder.parameters().Where(p => p.requires_grad).Sum(p => p.numel()));
        Assert.Equal(total, model.TrainableParameterCount);
    }

    [Theory]
    [MemberData(nameof(ReferenceNames))]
    public void StateDict_Preset_EqualsReferenceKeysOrderShapesAndTrainableFlags(string preset)
    {
        using var model = OssNetModel.Create(preset);
        var expected = ReferenceStateDictionary.Read(preset);
        var actual = ReferenceStateDictionary.Of(model);
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            Assert.True(expected[i] == actual[i], $"entry {i}: expected '{expected[i]}', got '{actual[i]}'");
        }

        Assert.Equal(expected.Count, actual.Count);
    }

    [Theory]
    [MemberData(nameof(ReferenceNames))]
    [InlineData("tiny")]
    [InlineData("tiny_o_net")]
    public void StateDict_Preset_MatchesSnapshot(string preset)
    {
        using var model = OssNetModel.Create(preset);
        var lines = ReferenceStateDictionary.Of(model).Select(e => e.ToString()).ToArray();
        Snapshot.Match(lines, new SnapshotNameExtension(preset));
    }
}
