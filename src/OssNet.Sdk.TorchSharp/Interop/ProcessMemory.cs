// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.TorchSharp.Interop;

/// <summary>Reads the process's resident memory from the operating system.</summary>
/// <remarks>
/// libtorch allocates CPU tensors outside the .NET heap, so the GC's figures miss them; the kernel's resident-set numbers do not.
/// On Linux these come from <c>/proc/self/status</c> (<c>VmRSS</c>, <c>VmHWM</c> = the peak since the process started);
/// elsewhere the peak is unknown and <see cref="Environment.WorkingSet"/> stands in for the current value.
/// </remarks>
public static class ProcessMemory
{
    /// <summary>Gets the peak resident memory of the process in bytes (Linux <c>VmHWM</c>), or null when the OS does not say.</summary>
    public static long? PeakResidentBytes() => ReadStatus("VmHWM:");

    /// <summary>Gets the current resident memory of the process in bytes.</summary>
    public static long CurrentResidentBytes() => ReadStatus("VmRSS:") ?? Environment.WorkingSet;

    private static long? ReadStatus(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
        }

        return null;
    }
}
