// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace OssNet.Samples.Tests;

/// <summary>Starts a built sample as <c>dotnet &lt;dll&gt; args…</c> and captures its exit code and output.</summary>
internal static class SampleProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt; args…</c> with redirected output; the caller reads it and disposes the process.</summary>
    public static Process Start(string dll, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OSSNET_DEBUG");
        return Process.Start(start)!;
    }

    /// <summary>The built dll of <paramref name="project"/>, next to this test project's output (artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/).</summary>
    public static string DllOf(string project, string assembly)
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(own.Parent!.Parent!.FullName, project, own.Name, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first: {path} does not exist.", path);
    }

    public static async Task<Result> RunAsync(string dll, string workingDirectory, params string[] args)
    {
        using var process = Start(dll, workingDirectory, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} {string.Join(' ', args)} did not finish within 120 s.");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
