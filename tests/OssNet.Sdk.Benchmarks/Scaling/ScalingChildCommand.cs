// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>
/// <c>scaling-child &lt;model&gt; &lt;size&gt; &lt;mode&gt;</c>: runs one configuration in this process and prints one JSON line
/// (<see cref="ScalingMeasurement"/>) on stdout. The <c>scaling</c> command starts it under <c>prlimit</c>; run it by
/// hand only under a cap of your own.
/// </summary>
internal sealed class ScalingChildCommand : IBenchmarkCommand
{
    /// <summary>Exit code of a run that ran out of memory (and said so).</summary>
    public const int OutOfMemoryExitCode = 3;

    public string Name => "scaling-child";

    public string Description => "one scaling configuration in this process (started by 'scaling' under prlimit); prints JSON";

    public string Options => "<model> <size> <train|infer>  --points N (16384)  --slices N (16)  --seed N (1)  --tiny";

    public Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count < 3)
        {
            Console.Error.WriteLine($"usage: scaling-child {Options}");
            return Task.FromResult(2);
        }

        var config = new ScalingConfig(
            ScalingModel.Parse(arguments[0]),
            GridSize.Parse(arguments[1]),
            ScalingMode.Parse(arguments[2]),
            BenchmarkArguments.Has(arguments, "--tiny"),
            BenchmarkArguments.GetInt(arguments, "--points", ScalingConfig.DefaultPoints),
            BenchmarkArguments.GetInt(arguments, "--slices", ScalingConfig.DefaultSlices),
            BenchmarkArguments.GetInt(arguments, "--seed", 1));
        ScalingMeasurement result;
        int exitCode;
        try
        {
            result = ScalingWorkloads.Run(config);
            exitCode = 0;
        }
        catch (Exception e) when (IsOutOfMemory(e))
        {
            result = Failure(config, ScalingMeasurement.OutOfMemory, e);
            exitCode = OutOfMemoryExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = Failure(config, ScalingMeasurement.Failed, e);
            exitCode = 1;
        }

        Console.WriteLine(JsonSerializer.Serialize(result, ScalingJson.Options));
        return Task.FromResult(exitCode);
    }

    /// <summary>Gets whether <paramref name="e"/> (or an inner exception) is an allocation failure: .NET's own, or libtorch's
    /// "can't allocate memory" surfaced by TorchSharp.</summary>
    public static bool IsOutOfMemory(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is OutOfMemoryException || LooksLikeOutOfMemory(current.Message))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets whether a message (an exception's or a process's stderr) reports a failed allocation.</summary>
    public static bool LooksLikeOutOfMemory(string text) =>
        text.Contains("allocate", StringComparison.OrdinalIgnoreCase)
        || text.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || text.Contains("OutOfMemory", StringComparison.Ordinal)
        || text.Contains("bad_alloc", StringComparison.Ordinal);

    private static ScalingMeasurement Failure(ScalingConfig config, string status, Exception e) => new()
    {
        Model = config.Model,
        Size = GridSize.Format(config.Grid),
        Mode = config.Mode,
        Status = status,
        Preset = config.Tiny ? "tiny" : "paper",
        Voxels = config.Grid.VoxelCount,
        PeakRssBytes = OssNet.Sdk.TorchSharp.Interop.ProcessMemory.PeakResidentBytes(),
        PeakAddressSpaceBytes = Common.AddressSpace.PeakBytes(),
        Error = $"{e.GetType().Name}: {FirstLine(e.Message)}",
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
