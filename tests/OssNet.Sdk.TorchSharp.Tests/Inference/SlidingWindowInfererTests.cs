// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Inference;

public sealed class SlidingWindowInfererTests
{
    // A "network" that is translation-equivariant and local: the sigmoid of the first channel.
    private static Tensor Pointwise(Tensor window) => window[.., 0..1].sigmoid();

    [Theory]
    [InlineData(null, null, null, 0.25, true)]
    [InlineData(8, 8, 8, 0.25, true)]
    [InlineData(7, 9, 5, 0.5, false)]
    [InlineData(20, 4, 30, 0.0, true)]
    public void Run_PointwiseModel_EqualsWholeVolumePrediction(int? wx, int? wy, int? wz, double overlap, bool gaussian)
    {
        using var scope = torch.NewDisposeScope();
        var volume = torch.randn([2, 17, 18, 19], generator: new torch.Generator(3));
        var options = new SlidingWindowInfererOptions
        {
            WindowShape = wx is null ? null : (wx.Value, wy!.Value, wz!.Value),
            Overlap = overlap,
            GaussianBlending = gaussian,
        };

        var result = new SlidingWindowInferer(options).Run(Pointwise, volume, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new long[] { 17, 18, 19 }, result.shape);
        Assert.True(result.allclose(volume[0].sigmoid(), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Run_SeveralChannels_BlendsEachChannelLikeTheOneChannelRun()
    {
        using var scope = torch.NewDisposeScope();
        var volume = torch.randn([2, 17, 18, 19], generator: new torch.Generator(4));
        var inferer = new SlidingWindowInferer(new SlidingWindowInfererOptions { WindowShape = (8, 9, 7), Overlap = 0.5 });
        static Tensor First(Tensor w) => w[.., 0..1].mul(2).sigmoid();
        static Tensor Second(Tensor w) => w[.., 1..2].sigmoid();

        var both = inferer.Run(w => torch.cat([First(w), Second(w)], 1), volume, channels: 2, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new long[] { 2, 17, 18, 19 }, both.shape);
        Assert.True(both[0].allclose(inferer.Run(First, volume, cancellationToken: TestContext.Current.CancellationToken), rtol: 1e-5, atol: 1e-6));
        Assert.True(both[1].allclose(inferer.Run(Second, volume, cancellationToken: TestContext.Current.CancellationToken), rtol: 1e-5, atol: 1e-6));
        Assert.False(both[0].allclose(both[1]));
    }

    [Fact]
    public void Run_WindowCount_CoversTheVolumeWithOverlap()
    {
        var calls = 0;
        using var volume = torch.zeros([1, 20, 20, 20]);
        using var result = new SlidingWindowInferer(new SlidingWindowInfererOptions { WindowShape = (8, 8, 8), Overlap = 0.5 })
            .Run(w => { calls++; return Pointwise(w); }, volume, cancellationToken: TestContext.Current.CancellationToken);
        // starts 0, 4, 8, 12 per axis (step 4, last flush at 12)
        Assert.Equal(64, calls);
    }

    [Fact]
    public void Run_LeavesNoLiveTensors()
    {
        using var volume = torch.randn([1, 9, 9, 9], generator: new torch.Generator(1));
        var inferer = new SlidingWindowInferer(new SlidingWindowInfererOptions { WindowShape = (5, 5, 5) });
        TensorLeakGuard.AssertNoLeaks(() => inferer.Run(Pointwise, volume, cancellationToken: TestContext.Current.CancellationToken).Dispose());
    }
}
