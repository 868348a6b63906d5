// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace OssNet.Sdk.Benchmarks.Tests;

/// <summary>Finds and runs the OssNet.Sdk.Benchmarks executable built next to this test assembly
/// (artifacts/bin/OssNet.Sdk.Benchmarks/&lt;configuration&gt;/).</summary>
internal static class BenchmarkExecutable
{
    public static string Path
    {
        get
        {
            var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var configuration = own.Name;
            var bin = own.Parent?.Parent ?? throw new InvalidOperationException($"Unexpected test output folder {own.FullName}.");
            var candidate = System.IO.Path.Combine(bin.FullName, "OssNet.Sdk.Benchmarks", configuration, "OssNet.Sdk.Benchmarks");
            return File.Exists(candidate)
                ? candidate
                : throw new FileNotFoundException($"The benchmark executable was not built at {candidate}; build tests/OssNet.Sdk.Benchmarks.Tests (it builds the benchmarks first).", candidate);
        }
    }

    /// <summary>Runs the executable; returns the exit code, stdout and stderr. The timeout only stops a hung run.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the benchmark executable.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var hung = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hung.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(hung.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
