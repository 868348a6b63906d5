// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using OssNet.Cli.Cluster;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet jobs</c>: lists a cluster's segmentation jobs, or cancels one.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var connection = new ClusterConnectionOptions();
        var cancel = new Option<string?>("--cancel") { Description = "Cancel the job with this id instead of listing" };
        var running = new Option<bool>("--running") { Description = "List only running jobs" };
        var command = new Command("jobs", "List a cluster's segmentation jobs, or cancel one");
        command.Options.Add(cancel);
        command.Options.Add(running);
        connection.AddTo(command, client: true);

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var client = await ClusterClient.ConnectAsync(connection, parse, cancellationToken);
            if (parse.GetValue(cancel) is { } jobId)
            {
                var cancelled = await client.Cluster.CancelAsync(jobId, cancellationToken);
                Console.WriteLine(cancelled ? $"Cancelled job {jobId}" : $"Job {jobId} had already finished");
                return 0;
            }

            var jobs = await client.Cluster.ListJobsAsync(parse.GetValue(running), cancellationToken);
            var table = new Table().AddColumns("job", "state", "segmenter", "succeeded", "failed", "cancelled", "total", "created (UTC)", "output");
            foreach (var job in jobs)
            {
                table.AddRow(
                    Markup.Escape(job.JobId),
                    job.State.ToString(),
                    Markup.Escape(job.SegmenterName),
                    job.Succeeded.ToString(CultureInfo.InvariantCulture),
                    job.Failed.ToString(CultureInfo.InvariantCulture),
                    job.Cancelled.ToString(CultureInfo.InvariantCulture),
                    job.Total.ToString(CultureInfo.InvariantCulture),
                    job.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(job.OutputFolder));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{jobs.Count} job(s)");
            return 0;
        }));
        return command;
    }
}
