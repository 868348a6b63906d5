// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using System.Net;

namespace OssNet.Cli.Cluster;

/// <summary>How <c>silo</c>, <c>submit</c> and <c>jobs</c> find the cluster: localhost development clustering (silo
/// endpoints and gateways on 127.0.0.1) by default, or a Redis membership table with <c>--redis</c>.</summary>
internal sealed class ClusterConnectionOptions
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "Cluster and service id: silos and clients of one cluster share it",
        DefaultValueFactory = _ => "ossnet",
    };

    public Option<string?> Redis { get; } = new("--redis")
    {
        Description = "Redis connection string (e.g. localhost:6379): Redis membership (and, for silos, Redis job storage) instead of localhost clustering",
    };

    public Option<string[]> Gateways { get; } = new("--gateway")
    {
        Description = "Gateway endpoint(s) host:port of the silos to connect to, without --redis (default: 127.0.0.1:30000)",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command, bool client)
    {
        command.Options.Add(ClusterId);
        command.Options.Add(Redis);
        if (client)
        {
            command.Options.Add(Gateways);
        }
    }

    public void Configure(ParseResult parse, Orleans.Configuration.ClusterOptions options)
    {
        options.ClusterId = parse.GetValue(ClusterId)!;
        options.ServiceId = parse.GetValue(ClusterId)!;
    }

    /// <summary>The gateways given with --gateway (comma or space separated), or the default local one.</summary>
    public IPEndPoint[] GatewayEndpoints(ParseResult parse)
    {
        var given = (parse.GetValue(Gateways) ?? []).SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return given.Count == 0 ? [new IPEndPoint(IPAddress.Loopback, DefaultGatewayPort)] : [.. given.Select(ParseEndpoint)];
    }

    public static IPEndPoint ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
        {
            throw new ArgumentException($"'{text}' is not an endpoint host:port (e.g. 127.0.0.1:30000).");
        }

        var host = text[..colon];
        var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new ArgumentException($"'{host}' does not resolve to an IPv4 address.");
        return new IPEndPoint(address, port);
    }
}
