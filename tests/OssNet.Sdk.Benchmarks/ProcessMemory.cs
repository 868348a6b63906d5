// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Benchmarks;

/// <summary>Reads this process's memory counters from /proc/self/status (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Gets the peak resident set size (VmHWM) in bytes, or -1 where /proc is unavailable.</summary>
    public static long PeakResidentBytes => Read("VmHWM:");

    /// <summary>Gets the current resident set size (VmRSS) in bytes, or -1.</summary>
    public static long ResidentBytes => Read("VmRSS:");

    private static long Read(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return -1;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }
}
