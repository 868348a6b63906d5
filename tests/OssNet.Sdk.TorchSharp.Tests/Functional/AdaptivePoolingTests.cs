// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Functional;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Functional;

public sealed class AdaptivePoolingTests
{
    [Theory]
    [InlineData(16, 16, 10, 8, 8, 5)]
    [InlineData(17, 18, 19, 8, 8, 5)]
    [InlineData(7, 5, 3, 3, 2, 3)]
    [InlineData(4, 4, 4, 6, 4, 1)]
    public void MaxPool3d_MatchesPyTorchCellBoundaries(int x, int y, int z, int a, int b, int c)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.randn([2, 3, x, y, z], generator: new torch.Generator(5));

        var pooled = AdaptivePooling.MaxPool3d(input, (a, b, c));

        Assert.Equal(new long[] { 2, 3, a, b, c }, pooled.shape);
        for (var i = 0; i < a; i++)
        {
            for (var j = 0; j < b; j++)
            {
                for (var k = 0; k < c; k++)
                {
                    var cell = input[.., .., Cell(i, x, a), Cell(j, y, b), Cell(k, z, c)].amax([2, 3, 4]);
                    Assert.True(cell.eq(pooled[.., .., i, j, k]).all().item<bool>(), $"cell ({i}, {j}, {k}) differs");
                }
            }
        }
    }

    [Fact]
    public void MaxPool3d_GradientReachesTheMaximum()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.zeros([1, 1, 4, 4, 4]).requires_grad_();
        using (torch.no_grad())
        {
            input[0, 0, 1, 2, 3] = torch.tensor(5f);
        }

        AdaptivePooling.MaxPool3d(input, (1, 1, 1)).sum().backward();

        Assert.Equal(1f, input.grad![0, 0, 1, 2, 3].item<float>());
        Assert.Equal(1f, input.grad.sum().item<float>());
    }

    // PyTorch: start = floor(i·n/o), end = ceil((i+1)·n/o)
    private static TensorIndex Cell(int i, int n, int o) =>
        TensorIndex.Slice(i * n / o, (((i + 1) * n) + o - 1) / o);
}
