// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Patches;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Patches;

public sealed class PatchExtractorTests
{
    private static readonly long[][] s_points =
    [
        [0, 0, 0], [8, 9, 10], [4, 5, 6], [1, 9, 0], [8, 0, 3], [3, 3, 3], [7, 8, 9],
    ];

    [Theory]
    [InlineData(true, false, LargePatchPooling.Average)]
    [InlineData(false, true, LargePatchPooling.Average)]
    [InlineData(true, true, LargePatchPooling.Average)]
    [InlineData(true, true, LargePatchPooling.Max)]
    public void Gather_MatchesNaiveSlicingIncludingBorders(bool small, bool large, LargePatchPooling pooling)
    {
        using var scope = torch.NewDisposeScope();
        var volume = torch.randn([2, 9, 10, 11], generator: new torch.Generator(7));
        var coordinates = torch.tensor(s_points.SelectMany(p => p).ToArray(), [s_points.Length, 3]);
        using var extractor = new PatchExtractor(volume, small, large, pooling);

        var patches = extractor.Gather(coordinates);

        Assert.Equal(new long[] { s_points.Length, extractor.PatchChannels, 7, 7, 7 }, patches.shape);
        var expected = torch.stack(s_points.Select(p => NaivePatch(volume, p, small, large, pooling)));
        Assert.True(patches.allclose(expected, rtol: 0, atol: 1e-6), "gathered patches differ from naive slicing");
    }

    [Fact]
    public void Gather_SmallPatchCentre_IsTheQueriedVoxel()
    {
        using var scope = torch.NewDisposeScope();
        var volume = torch.arange(4 * 5 * 6, dtype: ScalarType.Float32).reshape(1, 4, 5, 6);
        using var extractor = new PatchExtractor(volume, smallPatches: true, largePatches: false);

        var patch = extractor.Gather(torch.tensor(new long[] { 2, 3, 4 }, [1, 3]));

        Assert.Equal(volume[0, 2, 3, 4].item<float>(), patch[0, 0, 3, 3, 3].item<float>());
        Assert.Equal(0f, patch[0, 0, 0, 0, 0].item<float>()); // (−1, 0, 1) lies in the zero padding
    }

    [Fact]
    public void Gather_LeavesNoLiveTensors()
    {
        using var volume = torch.randn([1, 8, 8, 8], generator: new torch.Generator(1));
        using var coordinates = torch.tensor(new long[] { 1, 2, 3, 7, 7, 7 }, [2, 3]);
        using var extractor = new PatchExtractor(volume, true, true);
        TensorLeakGuard.AssertNoLeaks(() => extractor.Gather(coordinates).Dispose());
    }

    private static Tensor NaivePatch(Tensor volume, long[] p, bool small, bool large, LargePatchPooling pooling)
    {
        var parts = new List<Tensor>();
        if (small)
        {
            var padded = nn.functional.pad(volume, [3, 3, 3, 3, 3, 3]);
            parts.Add(padded[.., (int)p[0]..(int)(p[0] + 7), (int)p[1]..(int)(p[1] + 7), (int)p[2]..(int)(p[2] + 7)]);
        }

        if (large)
        {
            // Reference: offsets −7…+6, zero padding 7 before and 6 after, then 2×2×2 pooling.
            var padded = nn.functional.pad(volume, [7, 6, 7, 6, 7, 6]);
            var window = padded[.., (int)p[0]..(int)(p[0] + 14), (int)p[1]..(int)(p[1] + 14), (int)p[2]..(int)(p[2] + 14)].unsqueeze(0);
            var pooled = pooling == LargePatchPooling.Average
                ? nn.functional.avg_pool3d(window, [2, 2, 2])
                : nn.functional.max_pool3d(window, [2, 2, 2]);
            parts.Add(pooled.squeeze(0));
        }

        return torch.cat(parts, dim: 0);
    }
}
