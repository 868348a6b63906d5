// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace OssNet.Sdk.Tests.TestSupport;

/// <summary>
/// Runs Python scripts with the system interpreter (/usr/bin/python3, where Debian's python3-nibabel lives) and
/// skips the calling test when nibabel cannot be imported.
/// </summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    private static readonly Lazy<string?> s_nibabelProblem = new(FindNibabelProblem);

    /// <summary>Skips the current test (with the reason) unless nibabel and numpy import.</summary>
    public static void RequireNibabel()
    {
        var problem = s_nibabelProblem.Value;
        Assert.SkipWhen(problem is not null, $"nibabel interop skipped: {problem}");
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> (sys.argv[1..]); returns stdout, throws with stderr on failure.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var (code, stdout, stderr) = Execute(script, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"python exited with {code}:\n{stderr}\n{stdout}");
        }

        return stdout;
    }

    private static string? FindNibabelProblem()
    {
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} does not exist";
        }

        try
        {
            var (code, _, stderr) = Execute("import nibabel, numpy", []);
            return code == 0 ? null : $"'import nibabel, numpy' failed with {Interpreter} ({stderr.Trim()}); install python3-nibabel";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot start {Interpreter}: {e.Message}";
        }
    }

    private static (int Code, string Stdout, string Stderr) Execute(string script, string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("python did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
