// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace OssNet.Sdk.Tests;

/// <summary>
/// Times an action for the Slow-tagged performance probes: median wall time and median process CPU time over a few
/// repetitions after one warm-up. Run a probe alone (filter by method) so that the CPU time is its own.
/// </summary>
internal static class PerformanceProbe
{
    public static (TimeSpan Wall, TimeSpan Cpu) Measure(Action action, int repetitions = 5)
    {
        action();
        var process = Process.GetCurrentProcess();
        var walls = new List<TimeSpan>();
        var cpus = new List<TimeSpan>();
        for (var i = 0; i < repetitions; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            action();
            stopwatch.Stop();
            process.Refresh();
            walls.Add(stopwatch.Elapsed);
            cpus.Add(process.TotalProcessorTime - cpuBefore);
        }

        walls.Sort();
        cpus.Sort();
        return (walls[repetitions / 2], cpus[repetitions / 2]);
    }

    public static string Describe(string what, (TimeSpan Wall, TimeSpan Cpu) timing) =>
        $"{what}: wall {timing.Wall.TotalMilliseconds:F0} ms, process CPU {timing.Cpu.TotalMilliseconds:F0} ms ({Environment.ProcessorCount} cores)";
}
