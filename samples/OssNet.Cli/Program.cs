// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

// ossnet: train OSS-Net, segment volumes, evaluate against labels, benchmark, and report the installation;
// silo, submit and jobs segment a whole archive across a cluster of machines (Microsoft Orleans).
// Every command accepts --smoke (a tiny synthetic budget for CI). Errors print one line and exit non-zero.
using System.CommandLine;
using OssNet.Cli;
using OssNet.Cli.Commands;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // tables and progress lines unwrapped in logs and pipes
}

var root = new RootCommand("ossnet — OSS-Net (memory-efficient 3D medical segmentation) on TorchSharp");
root.Options.Add(CommonOptions.Smoke);
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(SegmentCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(BenchmarkCommand.Create());
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(SiloCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(JobsCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    return CliErrors.Usage(parse);
}

return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
