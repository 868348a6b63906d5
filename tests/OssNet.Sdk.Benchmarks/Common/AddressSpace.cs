// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Benchmarks.Common;

/// <summary>The process's peak virtual address space (Linux <c>VmPeak</c>) — what <c>prlimit --as</c> caps. It exceeds the
/// resident peak by the runtime's and libtorch's reservations that are never touched (GC range, code, thread stacks,
/// malloc arenas), a few GB.</summary>
internal static class AddressSpace
{
    public static long? PeakBytes()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmPeak:", StringComparison.Ordinal));
        var value = line?["VmPeak:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return value is not null && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }
}
