// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.InteropServices;

namespace OssNet.Sdk.Benchmarks.Common;

/// <summary>The machine a benchmark ran on, for the reports: CPU model and cores (/proc/cpuinfo), memory (/proc/meminfo),
/// OS, runtime and the load average (other jobs on a shared machine stretch wall-clock times).</summary>
/// <param name="CpuModel">The first "model name" of /proc/cpuinfo.</param>
/// <param name="LogicalCores">Logical cores the process may use.</param>
/// <param name="MemoryBytes">MemTotal.</param>
/// <param name="AvailableMemoryBytes">MemAvailable when the snapshot was taken.</param>
/// <param name="OperatingSystem">The OS description.</param>
/// <param name="Runtime">The .NET version and runtime identifier.</param>
/// <param name="LoadAverage">The 1, 5 and 15 minute load averages.</param>
internal sealed record MachineSnapshot(
    string CpuModel, int LogicalCores, long MemoryBytes, long AvailableMemoryBytes, string OperatingSystem, string Runtime, string LoadAverage)
{
    /// <summary>Reads the current machine state.</summary>
    public static MachineSnapshot Take() => new(
        ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        MemInfo("MemTotal:") ?? 0,
        MemInfo("MemAvailable:") ?? 0,
        OsName(),
        $".NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier})",
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown");

    /// <summary>Gets MemAvailable now (bytes), or null off Linux.</summary>
    public static long? AvailableMemoryNow() => MemInfo("MemAvailable:");

    /// <summary>Gets the current load average as "1 / 5 / 15 min".</summary>
    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Gets a one-line description.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{OperatingSystem}; {CpuModel}; {LogicalCores} logical cores; {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB RAM; {Runtime}");

    private static string? ReadCpuModel()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static long? MemInfo(string key)
    {
        const string path = "/proc/meminfo";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var value = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(value, CultureInfo.InvariantCulture) * 1024;
    }

    private static string OsName()
    {
        const string path = "/etc/os-release";
        var pretty = File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return pretty ?? RuntimeInformation.OSDescription;
    }
}
