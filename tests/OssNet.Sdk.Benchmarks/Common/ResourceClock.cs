// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace OssNet.Sdk.Benchmarks.Common;

/// <summary>Wall-clock and process CPU time since construction. CPU time is the steadier number on a shared machine:
/// other jobs stretch the wall clock but not (much) the CPU seconds this process itself spends.</summary>
internal sealed class ResourceClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = CurrentCpu();

    /// <summary>Gets the wall-clock seconds since construction.</summary>
    public double WallSeconds => _wall.Elapsed.TotalSeconds;

    /// <summary>Gets the CPU seconds (user + system, all threads) this process spent since construction.</summary>
    public double CpuSeconds => (CurrentCpu() - _cpuAtStart).TotalSeconds;

    private static TimeSpan CurrentCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
