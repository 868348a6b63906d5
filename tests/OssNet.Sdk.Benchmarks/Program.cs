// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks;
using OssNet.Sdk.Benchmarks.Efficiency;
using OssNet.Sdk.Benchmarks.Micro;
using OssNet.Sdk.Benchmarks.Report;
using OssNet.Sdk.Benchmarks.Scaling;

// Benchmark runner: `dotnet run --project tests/OssNet.Sdk.Benchmarks -c Release -- <command> [options]`.
// To add a benchmark, implement IBenchmarkCommand and add it to this list.
IBenchmarkCommand[] commands =
[
    new NiftiReadBenchmark(),
    new PauMemoryCommand(),
    new ModelComparisonBenchmark(),
    new ScalingCommand(),
    new ScalingChildCommand(),
    new InferenceEfficiencyCommand(),
    new MicroCommand(),
    new ReportCommand(),
];

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("usage: OssNet.Sdk.Benchmarks <command> [options]\n\ncommands:");
    foreach (var c in commands)
    {
        Console.WriteLine($"  {c.Name,-14} {c.Description}\n  {string.Empty,-14} options: {c.Options}");
    }

    return args.Length == 0 ? 2 : 0;
}

var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (command is null)
{
    await Console.Error.WriteLineAsync($"unknown command '{args[0]}'; run with --help for the list");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await command.RunAsync(args[1..], cancel.Token);
