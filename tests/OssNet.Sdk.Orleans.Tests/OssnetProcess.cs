// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>The built <c>ossnet</c> tool as a child process (<c>dotnet ossnet.dll …</c>), its output collected as it comes.</summary>
internal sealed class OssnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private OssnetProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The tool's dll, built next to this test project's output (artifacts/bin/OssNet.Cli/&lt;configuration&gt;/).</summary>
    public static string Tool
    {
        get
        {
            var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(own.Parent!.Parent!.FullName, "OssNet.Cli", own.Name, "ossnet.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Build samples/OssNet.Cli first: {path} does not exist.", path);
        }
    }

    /// <summary>Starts <c>ossnet args…</c> with one intra-op thread (results then do not depend on the thread count, and two
    /// silos share the two cores).</summary>
    public static OssnetProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["MKL_NUM_THREADS"] = "1";
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        return new OssnetProcess(Process.Start(start)!);
    }

    /// <summary>Runs <c>ossnet args…</c> to its end.</summary>
    public static async Task<OssnetProcess> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var process = Start(workingDirectory, args);
        await process.WaitForExitAsync(timeout);
        return process;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"ossnet did not exit within {timeout}:\n{Output}");
        }

        _process.WaitForExit(); // drains the asynchronous output readers
    }

    /// <summary>Waits until a line of output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited || clock.Elapsed > timeout)
            {
                throw new TimeoutException($"ossnet never printed '{text}' (exited: {_process.HasExited}):\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
