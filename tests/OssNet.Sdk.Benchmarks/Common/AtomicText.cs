// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks.Common;

/// <summary>Writes result and report files atomically (temporary file in the same folder, then rename).</summary>
internal static class AtomicText
{
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }
}
