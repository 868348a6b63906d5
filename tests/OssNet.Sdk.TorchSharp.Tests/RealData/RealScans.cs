// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace OssNet.Sdk.TorchSharp.Tests.RealData;

/// <summary>
/// Public real MRI scans from Debian packages, fetched by <c>scripts/fetch-real-data.sh</c> into <c>$OSSNET_REAL_DATA</c>
/// (default /tmp/ossnet-real-data): Colin27 (<c>ch2.nii.gz</c> + skull-stripped <c>ch2bet.nii.gz</c>, mricron-data) and ITK's
/// KmeansTest subject (insighttoolkit5-examples) with its brain mask and a three-tissue label set. Tests skip when they cannot be had.
/// </summary>
internal static class RealScans
{
    public const string Templates = "usr/share/mricron/templates";
    public const string ItkData = "usr/share/doc/insighttoolkit5-examples/examples/Data";

    public static string Root => Environment.GetEnvironmentVariable("OSSNET_REAL_DATA") is { Length: > 0 } root ? root : "/tmp/ossnet-real-data";

    public static string Colin27T1 => Path.Combine(Root, Templates, "ch2.nii.gz");

    public static string Colin27Brain => Path.Combine(Root, Templates, "ch2bet.nii.gz");

    public static string KmeansT1 => Path.Combine(Root, ItkData, "KmeansTest_T1UCharRaw.nii.gz");

    public static string KmeansBrain => Path.Combine(Root, ItkData, "KmeansTest_T1RawSkullStrip.nii.gz");

    public static string KmeansTissues => Path.Combine(Root, "kmeans-tissues");

    /// <summary>Fetches the scans when they are missing (the script asks apt for the packages); skips the test when that fails.</summary>
    public static async Task EnsureAsync(CancellationToken cancellationToken)
    {
        string[] needed = [Colin27T1, Colin27Brain, KmeansT1, KmeansBrain, Path.Combine(KmeansTissues, "dataset.json")];
        if (needed.All(File.Exists))
        {
            return;
        }

        var script = FindScript();
        var reason = "the fetch script was not found";
        if (script is not null)
        {
            using var process = Process.Start(new ProcessStartInfo("bash", [script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["OSSNET_REAL_DATA"] = Root },
            })!;
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            reason = $"scripts/fetch-real-data.sh exited with {process.ExitCode}: {(await error).Trim()}";
        }

        var missing = needed.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Assert.Skip($"Real scans not available ({reason}; missing {string.Join(", ", missing)}). They come from the Debian packages " +
                "mricron-data and insighttoolkit5-examples: run scripts/fetch-real-data.sh (or set OSSNET_REAL_DATA to where they are).");
        }
    }

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "scripts", "fetch-real-data.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
