// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Synthetic;

/// <summary>Reports generation times (never asserted: the CI box is shared). See docs/synthetic-data.md for numbers.</summary>
/// <remarks>Runs alone (after the parallel tests), so the numbers are not inflated by other tests.</remarks>
[Collection(nameof(TimingTestGroup))]
public sealed class PhantomTimingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PhantomKind.BrainTumour)]
    [InlineData(PhantomKind.AbdomenLiver)]
    public void Generate_128x128x80_ReportsTime(PhantomKind kind)
    {
        var options = new SyntheticPhantomOptions { Kind = kind, Shape = new VolumeShape(128, 128, 80) };
        SyntheticPhantoms.Generate(options, 100); // warm up the JIT

        var (phantom, report) = Measure(options);

        Assert.Equal(options.Shape, phantom.Image.Shape);
        output.WriteLine($"{kind} 128×128×80: {report}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Generate_256x256x160_ReportsTime()
    {
        var options = new SyntheticPhantomOptions { Shape = new VolumeShape(256, 256, 160) };
        SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Shape = new VolumeShape(64, 64, 40) }, 100);

        var (phantom, report) = Measure(options);

        Assert.Equal(options.Shape, phantom.Image.Shape);
        output.WriteLine($"BrainTumour 256×256×160: {report}");
    }

    /// <summary>Wall time and process CPU time (the latter is less sensitive to other processes on a shared box).</summary>
    private static (VolumeCase Phantom, string Report) Measure(SyntheticPhantomOptions options)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var phantom = SyntheticPhantoms.Generate(options, 0);
        stopwatch.Stop();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        return (phantom, string.Create(
            CultureInfo.InvariantCulture,
            $"{stopwatch.Elapsed.TotalMilliseconds:F0} ms wall, {cpuMs:F0} ms CPU on {Environment.ProcessorCount} cores"));
    }
}
