// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OssNet.Sdk.Orleans;

namespace OssNet.Cli.Cluster;

/// <summary>A started Orleans client for <c>submit</c> and <c>jobs</c>.</summary>
internal sealed class ClusterClient : IAsyncDisposable
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public ISegmentationCluster Cluster => _host.Services.GetRequiredService<ISegmentationCluster>();

    public static async Task<ClusterClient> ConnectAsync(ClusterConnectionOptions connection, ParseResult parse, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders(); // a client prints its own progress; Orleans' connection chatter stays out
        var redis = parse.GetValue(connection.Redis);
        var gateways = connection.GatewayEndpoints(parse);
        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(o => connection.Configure(parse, o));
            if (redis is not null)
            {
                client.UseRedisClustering(redis);
            }
            else
            {
                client.UseStaticClustering(gateways);
            }
        });
        builder.Services.AddOssNetSegmentationClient();
        var host = builder.Build();
        try
        {
            // Orleans retries a gateway that does not answer for ever; a command line gives up with a message instead.
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(s_connectTimeout);
            await host.StartAsync(connect.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var where = redis is not null ? $"Redis {redis}" : string.Join(", ", gateways.Select(g => g.ToString()));
            throw new InvalidOperationException(
                $"No cluster answered at {where} within {s_connectTimeout.TotalSeconds:0} s (start one with 'ossnet silo'): {e.Message}", e);
        }

        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
