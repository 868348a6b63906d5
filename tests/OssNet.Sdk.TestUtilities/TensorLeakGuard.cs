// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using Xunit;

namespace OssNet.Sdk.TestUtilities;

/// <summary>Asserts that an action leaves no live tensors behind on the calling thread.</summary>
/// <remarks>
/// Counts with TorchSharp's dispose-scope statistics (<c>ThreadTotalLiveCount</c>). The action is run once
/// to warm caches (lazily created buffers), then measured over further runs.
/// </remarks>
public static class TensorLeakGuard
{
    /// <summary>Runs <paramref name="action"/> and fails if the live tensor count grows.</summary>
    public static void AssertNoLeaks(Action action, int repetitions = 2)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        var before = LiveTensors;
        for (var i = 0; i < repetitions; i++)
        {
            action();
        }

        var after = LiveTensors;
        Assert.True(after <= before, $"The action leaked {after - before} tensor(s) over {repetitions} run(s) (live before {before}, after {after}).");
    }

    /// <summary>Gets the number of tensors alive on this thread that TorchSharp tracks.</summary>
    public static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;
}
