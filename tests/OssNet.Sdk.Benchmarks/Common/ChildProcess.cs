// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OssNet.Sdk.Benchmarks.Common;

/// <summary>How a child run of this executable ended.</summary>
/// <param name="ExitCode">The exit code (128 + signal when the kernel killed it; −1 after a timeout).</param>
/// <param name="StandardOutput">Everything it printed on stdout.</param>
/// <param name="StandardErrorTail">The last lines it printed on stderr.</param>
/// <param name="WallSeconds">Wall time from start to exit, process start-up included.</param>
/// <param name="TimedOut">Whether the parent killed it at the deadline.</param>
internal sealed record ChildOutcome(int ExitCode, string StandardOutput, string StandardErrorTail, double WallSeconds, bool TimedOut)
{
    /// <summary>Gets the last stdout line that looks like a JSON object, or null.</summary>
    public string? LastJsonLine =>
        StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
}

/// <summary>
/// Runs this benchmark executable again as a child process under <c>prlimit --as=&lt;bytes&gt;</c>, so a configuration that
/// needs more memory than the cap fails inside its own process (the kernel refuses the allocation) instead of pushing
/// the shared machine into swap or the OOM killer; each child's VmHWM is its own peak.
/// </summary>
internal static class ChildProcess
{
    /// <summary>The default managed-heap limit of a child, 1.5 GB. Under an address-space cap the GC must not reserve its
    /// default (very large) virtual range; the limit and the region range below bound what it reserves. Tensors live outside
    /// the managed heap, so this does not limit them.</summary>
    public const long DefaultManagedHeapBytes = 0x6000_0000;

    /// <summary>Starts <c>prlimit --as=<paramref name="addressSpaceBytes"/> -- self args…</c> and waits for it.</summary>
    /// <param name="arguments">The command line of the child (command name first).</param>
    /// <param name="addressSpaceBytes">The address-space cap.</param>
    /// <param name="timeout">Killed (the whole process tree) after this long.</param>
    /// <param name="echoStandardError">Whether the child's stderr lines are echoed to this process's stderr as they come.</param>
    /// <param name="managedHeapBytes">The child's managed-heap limit (and GC address range).</param>
    /// <param name="cancellationToken">Kills the child when cancelled.</param>
    public static async Task<ChildOutcome> RunSelfAsync(
        IReadOnlyList<string> arguments,
        long addressSpaceBytes,
        TimeSpan timeout,
        bool echoStandardError,
        long managedHeapBytes,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--as={addressSpaceBytes}"));
        start.ArgumentList.Add("--");
        foreach (var part in SelfCommand())
        {
            start.ArgumentList.Add(part);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var heap = "0x" + managedHeapBytes.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_GCHeapHardLimit"] = heap;
        start.Environment["DOTNET_GCRegionRange"] = heap;
        start.Environment["DOTNET_TieredPGO"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start prlimit; is util-linux installed?");
        var stdout = new StringBuilder();
        var stderr = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Enqueue(e.Data);
                while (stderr.Count > 20)
                {
                    stderr.Dequeue();
                }
            }

            if (echoStandardError)
            {
                Console.Error.WriteLine("    │ " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // WaitForExitAsync returns after the redirected streams reached end of file, so both buffers are complete here.
        string output;
        lock (stdout)
        {
            output = stdout.ToString();
        }

        string tail;
        lock (stderr)
        {
            tail = string.Join('\n', stderr);
        }

        return new ChildOutcome(timedOut ? -1 : process.ExitCode, output, tail, clock.Elapsed.TotalSeconds, timedOut);
    }

    /// <summary>The command that starts this executable: the apphost, or <c>dotnet &lt;dll&gt;</c> under <c>dotnet run</c>/<c>dotnet x.dll</c>.</summary>
    private static IEnumerable<string> SelfCommand()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the running executable.");
        yield return self;
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            yield return typeof(ChildProcess).Assembly.Location;
        }
    }
}
