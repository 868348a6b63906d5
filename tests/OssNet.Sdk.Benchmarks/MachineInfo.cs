// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace OssNet.Sdk.Benchmarks;

/// <summary>A one-paragraph description of the machine for benchmark reports.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{RuntimeInformation.OSDescription}; {cpu}; {Environment.ProcessorCount} logical cores; {memory:F0} GiB RAM; " +
               $".NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier})";
    }

    /// <summary>The 1, 5 and 15 minute load averages, or "unknown".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return null;
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
