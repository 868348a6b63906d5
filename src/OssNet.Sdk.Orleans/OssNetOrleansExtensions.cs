// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

#pragma warning disable IDE0130 // Extension methods of Microsoft.Extensions live in its namespace, so they are found without a using.

using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using OssNet.Sdk.Orleans;
using OssNet.Sdk.Orleans.Silo;
using OssNet.Sdk.Orleans.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds cluster segmentation to Orleans silos and clients.</summary>
public static class OssNetOrleansExtensions
{
    /// <summary>
    /// Makes this silo a segmentation worker and job host: it leases cases from running jobs for every keyed
    /// <c>ISegmenter</c> it holds (add them with <c>services.AddOssNet().AddSegmenter(name, …)</c>) and hosts job grains. Also
    /// registers <see cref="ISegmentationCluster"/>. Register a grain storage named <see cref="SegmentationClusterNames.JobStorage"/>
    /// as well (memory, <see cref="AddFileGrainStorage"/>, ADO.NET or Redis).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Changes the polling and heartbeat intervals; null keeps the defaults.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddOssNetSegmentation(this ISiloBuilder builder, Action<SegmentationSiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOssNet();
        var options = services.AddOptions<SegmentationSiloOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<ICaseSourceOpener, VolumeSourceFactoryOpener>();
        services.TryAddSingleton<ISegmentationCluster, SegmentationCluster>();
        services.AddHostedService<CaseDispatcher>();
        return builder;
    }

    /// <summary>Registers <see cref="ISegmentationCluster"/> in an Orleans client's services (<c>UseOrleansClient</c>).</summary>
    /// <param name="services">The client's services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOssNetSegmentationClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ISegmentationCluster, SegmentationCluster>();
        return services;
    }

    /// <summary>Adds a <see cref="FileGrainStorage"/> named <paramref name="name"/> that keeps grain states in <paramref name="folder"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="folder">The folder, shared by every silo of the cluster.</param>
    /// <param name="name">The provider name; by default the job storage's.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddFileGrainStorage(this ISiloBuilder builder, string folder, string name = SegmentationClusterNames.JobStorage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        builder.Services.AddGrainStorage(name, (sp, _) => new FileGrainStorage(folder, sp.GetRequiredService<IGrainStorageSerializer>()));
        return builder;
    }
}
