// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.Benchmarks;

/// <summary>
/// Peak RSS and time of one OSS-Net C training step at BraTS size (batch 1, 4×128×128×80 encoder input, 2^14 random
/// points with random 7³ patches): the SDK's PAU against a LeakyReLU stand-in (same network, parameterless activation).
/// Each variant runs in its own child process under
/// <c>prlimit --as</c>, so one variant's memory cannot hide another's and a runaway run is stopped by the kernel.
/// </summary>
internal static class PauMemoryBenchmark
{
    private static readonly string[] s_defaultActivations = ["pau", "leaky-relu"];

    public static int Run(string[] args)
    {
        var options = Arguments.Parse(args);
        return options.Child is not null ? RunChild(options) : RunParent(options);
    }

    private static int RunParent(Arguments options)
    {
        var activations = options.Activations ?? s_defaultActivations;
        var results = new List<StepResult>();
        foreach (var activation in activations)
        {
            Console.Error.WriteLine($"pau-memory: running '{activation}' in a child process (prlimit --as={options.AddressSpaceLimit}) …");
            var result = RunInChild(activation, options);
            if (result is null)
            {
                return 1;
            }

            results.Add(result);
        }

        Console.WriteLine("| activation | peak RSS (VmHWM) | RSS before step | forward wall (CPU) | backward wall (CPU) | optimiser step | trainable parameters | threads |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Activation} | {r.PeakRssBytes / 1e9:F2} GB | {r.RssBeforeStepBytes / 1e9:F2} GB | {r.ForwardSeconds:F1} s ({r.ForwardCpuSeconds:F1} s) | {r.BackwardSeconds:F1} s ({r.BackwardCpuSeconds:F1} s) | {r.OptimizerSeconds:F2} s | {r.TrainableParameters:N0} | {r.Threads} |"));
        }

        return 0;
    }

    private static StepResult? RunInChild(string activation, Arguments options)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot locate the running executable.");
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--as={options.AddressSpaceLimit}");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PauMemoryBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "pau-memory", "--child", activation, "--points", options.Points.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Under an address-space limit the GC must not reserve its default (very large) virtual range.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x40000000";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"pau-memory: the '{activation}' child failed (exit code {process.ExitCode}); output:\n{output}");
            return null;
        }

        return JsonSerializer.Deserialize<StepResult>(line);
    }

    private static int RunChild(Arguments options)
    {
        var activation = options.Child!;
        var preset = OssNetPresets.BraTs2020C;
        preset.Seed = 1;
        preset.ActivationOverride = activation switch
        {
            "pau" => null,
            "leaky-relu" => () => LeakyReLU(0.01),
            _ => throw new ArgumentException($"Unknown activation '{activation}': use pau or leaky-relu."),
        };

        using var model = OssNetModel.Create(preset);
        model.train();
        var points = options.Points;
        var generator = new torch.Generator(42);
        using var volumes = torch.randn([1, 4, 128, 128, 80], generator: generator);
        using var unit = torch.rand([1, points, 3], generator: generator);
        using var scale = torch.tensor(new float[] { 256, 256, 160 });
        using var coordinates = unit.mul(scale).floor_();
        using var patches = torch.randn([1, points, 4, 7, 7, 7], generator: generator);
        using var labels = torch.rand([1, points, 1], generator: generator).gt(0.5).to(ScalarType.Float32);
        using var lowResolutionLabels = torch.zeros([1, 1, 8, 8, 5]);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-4);
        var rssBefore = ProcessMemory.CurrentResidentBytes();

        var self = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var cpu = self.TotalProcessorTime;
        double forward, backward, step, forwardCpu, backwardCpu;
        using (var scope = torch.NewDisposeScope())
        {
            optimizer.zero_grad();
            var (logits, lowResolution) = model.call(volumes, coordinates, patches);
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, labels)
                + nn.functional.binary_cross_entropy_with_logits(lowResolution!, lowResolutionLabels);
            _ = loss.item<float>();
            forward = clock.Elapsed.TotalSeconds;
            forwardCpu = CpuSecondsSince(self, ref cpu);
            clock.Restart();
            loss.backward();
            backward = clock.Elapsed.TotalSeconds;
            backwardCpu = CpuSecondsSince(self, ref cpu);
            clock.Restart();
            optimizer.step();
            step = clock.Elapsed.TotalSeconds;
        }

        var result = new StepResult(
            activation, ProcessMemory.PeakResidentBytes() ?? 0, rssBefore, forward, backward, step, forwardCpu, backwardCpu, model.TrainableParameterCount, torch.get_num_threads());
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static double CpuSecondsSince(Process process, ref TimeSpan previous)
    {
        process.Refresh();
        var now = process.TotalProcessorTime;
        var seconds = (now - previous).TotalSeconds;
        previous = now;
        return seconds;
    }

    /// <summary>What a child reports (one JSON line on stdout).</summary>
    internal sealed record StepResult(
        string Activation,
        long PeakRssBytes,
        long RssBeforeStepBytes,
        double ForwardSeconds,
        double BackwardSeconds,
        double OptimizerSeconds,
        double ForwardCpuSeconds,
        double BackwardCpuSeconds,
        long TrainableParameters,
        int Threads);

    private sealed record Arguments(string? Child, IReadOnlyList<string>? Activations, int Points, long AddressSpaceLimit)
    {
        public static Arguments Parse(string[] args)
        {
            string? child = null;
            List<string>? activations = null;
            var points = 1 << 14;
            var limit = 16_000_000_000L;
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--child":
                        child = args[++i];
                        break;
                    case "--activation":
                        (activations ??= []).Add(args[++i]);
                        break;
                    case "--points":
                        points = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--limit-bytes":
                        limit = long.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    default:
                        throw new ArgumentException($"Unknown option '{args[i]}'. Options: --activation pau|leaky-relu (repeatable), --points N, --limit-bytes B.");
                }
            }

            return new Arguments(child, activations, points, limit);
        }
    }
}
