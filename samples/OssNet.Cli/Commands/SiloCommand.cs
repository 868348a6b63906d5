// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OssNet.Cli.Cluster;
using OssNet.Sdk.Orleans;
using OssNet.Sdk.TorchSharp.Interop;
using StackExchange.Redis;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet silo</c>: starts an Orleans silo that segments the cases of submitted jobs with the model the options
/// describe (the same options and the same building code as <c>ossnet segment</c>), until Ctrl+C or SIGTERM.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var connection = new ClusterConnectionOptions();
        var segmenter = new Option<string>("--segmenter")
        {
            Description = "Name of this silo's segmenter; jobs submitted with the same --segmenter use it",
            DefaultValueFactory = _ => "default",
        };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => ClusterConnectionOptions.DefaultSiloPort };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients (submit, jobs) connect to", DefaultValueFactory = _ => ClusterConnectionOptions.DefaultGatewayPort };
        var primary = new Option<string?>("--primary")
        {
            Description = "Localhost clustering: silo endpoint host:port of the cluster's first silo (give it to every other silo; omit on the first)",
        };
        var state = new Option<string?>("--state")
        {
            Description = "Folder for job state, shared by every silo, so jobs survive any silo (default: in memory, or Redis with --redis)",
        };
        var command = new Command("silo", "Start a cluster silo that segments the cases of submitted jobs (until Ctrl+C)");
        command.Options.Add(segmenter);
        command.Options.Add(port);
        command.Options.Add(gatewayPort);
        command.Options.Add(primary);
        command.Options.Add(state);
        connection.AddTo(command, client: false);
        model.AddTo(command);

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var redis = parse.GetValue(connection.Redis);
            var stateFolder = parse.GetValue(state);
            var primaryEndpoint = parse.GetValue(primary) is { } text ? ClusterConnectionOptions.ParseEndpoint(text) : null;
            TorchBackend.EnsureLoaded();
            var adaptive = new ChannelAdaptiveSegmenter(model, parse, smoke ? "tiny_o_net" : null);
            if (parse.GetValue(model.InputChannels) is { } channels)
            {
                adaptive.For(channels); // build and validate now: a bad option fails at start-up, not on the first case
            }

            SegmentCommand.WarnWithoutWeights(parse.GetValue(model.Weights), smoke);
            if (stateFolder is null && redis is null)
            {
                Console.Error.WriteLine("ossnet: warning: jobs are kept in memory (no --state or --redis): a job is lost with the silo that stores it.");
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("OssNet", LogLevel.Information);
            builder.UseOrleans(silo =>
            {
                silo.Configure<Orleans.Configuration.ClusterOptions>(o => connection.Configure(parse, o));
                if (redis is not null)
                {
                    silo.UseRedisClustering(redis).ConfigureEndpoints(parse.GetValue(port), parse.GetValue(gatewayPort));
                }
                else
                {
                    var id = parse.GetValue(connection.ClusterId)!;
                    silo.UseLocalhostClustering(parse.GetValue(port), parse.GetValue(gatewayPort), primaryEndpoint, id, id);
                }

                if (stateFolder is not null)
                {
                    silo.AddFileGrainStorage(stateFolder);
                }
                else if (redis is not null)
                {
                    silo.AddRedisGrainStorage(SegmentationClusterNames.JobStorage, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
                }
                else
                {
                    silo.AddMemoryGrainStorage(SegmentationClusterNames.JobStorage);
                }

                // Before AddOssNetSegmentation, whose default opener is only a fallback: silos accept what 'segment --input' accepts.
                silo.Services.AddSingleton<ICaseSourceOpener, DataLocationsOpener>();
                silo.AddOssNetSegmentation();
                silo.Services.AddOssNet().AddSegmenter(parse.GetValue(segmenter)!, s => s.UseFactory(_ => adaptive));
            });
            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            Console.WriteLine(
                $"ossnet silo: ready: silo {IPAddress.Loopback}:{parse.GetValue(port)}, gateway port {parse.GetValue(gatewayPort)}, segmenter '{parse.GetValue(segmenter)}'");
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
