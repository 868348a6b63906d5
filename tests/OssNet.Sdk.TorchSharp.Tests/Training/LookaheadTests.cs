// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

public sealed class LookaheadTests
{
    private static float Run(Lookahead lookahead, Parameter w, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            lookahead.ZeroGrad();
            using var loss = w.sum(); // gradient 1 → SGD(lr 1) moves w by −1 per step
            loss.backward();
            lookahead.Step();
        }

        return w.item<float>();
    }

    [Theory]
    [InlineData(1, -1f)]   // slow weights created after step 1
    [InlineData(5, -5f)]
    [InlineData(6, -5f)]   // slow = −1 + 0.8·(−6 + 1) = −5
    [InlineData(11, -9f)]  // slow = −5 + 0.8·(−10 + 5) = −9
    public void Step_SynchronisesAfterSteps1_6_11(int steps, float expected)
    {
        using var w = new Parameter(torch.zeros(1));
        using var lookahead = new Lookahead(optim.SGD([w], 1.0), [w], k: 5, alpha: 0.8);
        Assert.Equal(expected, Run(lookahead, w, steps), 5);
    }

    [Fact]
    public void SaveLoad_ResumedRunEndsWhereTheUninterruptedOneEnds()
    {
        using var w1 = new Parameter(torch.zeros(1));
        using var straight = new Lookahead(optim.SGD([w1], 1.0), [w1]);
        var expected = Run(straight, w1, 13);

        using var w2 = new Parameter(torch.zeros(1));
        using var first = new Lookahead(optim.SGD([w2], 1.0), [w2]);
        Run(first, w2, 8);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            first.Save(writer);
        }

        stream.Position = 0;
        using var w3 = new Parameter(torch.full(1, w2.item<float>()));
        using var resumed = new Lookahead(optim.SGD([w3], 1.0), [w3]);
        using (var reader = new BinaryReader(stream))
        {
            resumed.Load(reader);
        }

        Assert.Equal(expected, Run(resumed, w3, 5), 5);
    }
}
