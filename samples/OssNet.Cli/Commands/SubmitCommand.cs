// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using OssNet.Cli.Cluster;
using OssNet.Sdk.Orleans;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet submit</c>: sends a segmentation job to a cluster, shows its progress and the outcome of every case.
/// The masks are the files <c>ossnet segment</c> writes (<c>&lt;case&gt;_mask.nii.gz</c>).</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var connection = new ClusterConnectionOptions();
        var input = new Option<string?>("--input") { Description = "Volumes to segment (a path every silo sees): " + DataLocations.Help };
        var output = new Option<string?>("--output") { Description = "Folder for the masks (<case>_mask.nii.gz), writable by every silo" };
        var segmenter = new Option<string>("--segmenter") { Description = "The silos' segmenter to use (ossnet silo --segmenter)", DefaultValueFactory = _ => "default" };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Tries per case (on different silos) before it fails", DefaultValueFactory = _ => 3 };
        var leaseTimeout = new Option<double>("--lease-timeout")
        {
            Description = "Seconds without a heartbeat after which a case is taken back from its silo",
            DefaultValueFactory = _ => 60,
        };
        var detach = new Option<bool>("--detach") { Description = "Print the job id and return without waiting (follow it with 'ossnet jobs')" };
        var command = new Command("submit", "Send a segmentation job to a cluster of 'ossnet silo' processes and follow it");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(segmenter);
        command.Options.Add(maxAttempts);
        command.Options.Add(leaseTimeout);
        command.Options.Add(detach);
        connection.AddTo(command, client: true);

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var location = parse.GetValue(input) ?? (smoke ? "synthetic:2" : throw new ArgumentException("--input is required (or use --smoke)."));
            var outputFolder = parse.GetValue(output) ?? throw new ArgumentException("--output is required: the folder for the masks.");
            var options = new SegmentationJobOptions
            {
                MaxAttempts = parse.GetValue(maxAttempts),
                LeaseTimeout = TimeSpan.FromSeconds(parse.GetValue(leaseTimeout)),
            };
            options.Validate();

            await using var client = await ClusterClient.ConnectAsync(connection, parse, cancellationToken);
            var jobId = await client.Cluster.SubmitAsync(new SegmentationManifest(location), outputFolder, parse.GetValue(segmenter)!, options, cancellationToken);
            Console.WriteLine($"Submitted job {jobId}");
            if (parse.GetValue(detach))
            {
                return 0;
            }

            var last = "";
            var final = await client.Cluster.WaitForCompletionAsync(jobId, new SynchronousProgress<SegmentationJobStatus>(status =>
            {
                var line = $"{status.Ended}/{status.Total} ended: {status.Succeeded} succeeded, {status.Failed} failed, {status.Running} running, {status.Pending} pending";
                if (line != last)
                {
                    Console.WriteLine(line);
                    last = line;
                }
            }), cancellationToken);

            var table = new Table().AddColumns("case", "state", "attempts", "silo", "seconds", "foreground voxels", "last error");
            foreach (var c in final.Cases)
            {
                table.AddRow(
                    Markup.Escape(c.CaseId),
                    c.State.ToString(),
                    c.Attempts.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(c.Silo ?? ""),
                    c.Seconds.ToString("F2", CultureInfo.InvariantCulture),
                    c.ForegroundVoxels.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(c.Errors.Count > 0 ? c.Errors[^1] : ""));
            }

            AnsiConsole.Write(table);
            var seconds = ((final.FinishedAt ?? final.CreatedAt) - final.CreatedAt).TotalSeconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Job {jobId} {final.State.ToString().ToLowerInvariant()}: {final.Succeeded} of {final.Total} case(s) segmented, {final.Failed} failed, {final.Cancelled} cancelled in {seconds:F1} s; masks in {final.OutputFolder}"));
            return final.Succeeded == final.Total ? 0 : CliErrors.Failure;
        }));
        return command;
    }
}
