// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

#pragma warning disable IDE0130 // Extension methods of Microsoft.Extensions live in its namespace, so they are found without a using.

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.DependencyInjection;
using OssNet.Sdk.DependencyInjection.Training;
using OssNet.Sdk.DependencyInjection.Validation;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Sampling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds OssNet.Sdk to an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// Lifetimes: segmenters (keyed, one per name), the volume source factory, the trainer factory, validators and segmenter
/// families are <b>singletons</b>; metric aggregators and point samplers are <b>transient</b> (they accumulate state or draw
/// from a generator of their own). Segmenters own their models and are disposed with the container.
/// </remarks>
public static class OssNetServiceCollectionExtensions
{
    /// <summary>Adds the SDK's services. Idempotent: a second call adds nothing and returns a builder over the same services.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add segmenters to.</returns>
    public static IOssNetBuilder AddOssNet(this IServiceCollection services) => AddOssNet(services, configure: null);

    /// <summary>Adds the SDK's services and configures the service-wide options (validated at start-up).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the service-wide options; null leaves the defaults (and configuration) in place.</param>
    /// <returns>A builder to add segmenters to.</returns>
    public static IOssNetBuilder AddOssNet(this IServiceCollection services, Action<OssNetServiceOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new OssNetBuilder(services);
    }

    /// <summary>Adds the SDK's services with their options bound from <paramref name="section"/> (e.g. <c>configuration.GetSection("OssNet")</c>);
    /// segmenters then bind from its <c>Segmenters:&lt;name&gt;</c> children.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>A builder to add segmenters to.</returns>
    public static IOssNetBuilder AddOssNet(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var marker = AddCore(services);
        marker.Section = section;
        services.AddOptions<OssNetServiceOptions>().Configure(o => section.Bind(o, binder => binder.ErrorOnUnknownConfiguration = false));
        return new OssNetBuilder(services);
    }

    private static OssNetMarker AddCore(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(OssNetMarker) && !d.IsKeyedService)?.ImplementationInstance;
        if (existing is OssNetMarker found)
        {
            return found;
        }

        var marker = new OssNetMarker();
        services.AddSingleton(marker);
        services.AddOptions<OssNetServiceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OssNetServiceOptions>, OssNetServiceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SegmenterOptions>, SegmenterOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SegmenterOptions>, SegmenterOptionsCrossFieldValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<SegmenterOptions>, SegmenterConfigurationBinder>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IVolumeSourceFactory>(sp => new VolumeSourceFactory(sp.GetRequiredService<IOptions<OssNetServiceOptions>>().Value.ToReadOptions()));
        services.TryAddSingleton<ISegmentationTrainerFactory, SegmentationTrainerFactory>();

        services.AddOptions<PointSamplerOptions>();
        services.AddOptions<BorderFocusedPointSamplerOptions>();
        services.TryAddTransient(sp => new UniformPointSampler(sp.GetRequiredService<IOptions<PointSamplerOptions>>().Value));
        services.TryAddTransient(sp => new BorderFocusedPointSampler(sp.GetRequiredService<IOptions<BorderFocusedPointSamplerOptions>>().Value));
        services.TryAddTransient<IPointSampler>(sp => sp.GetRequiredService<UniformPointSampler>());

        services.TryAddTransient(_ => new MetricAggregator());
        services.TryAddTransient<ISegmentationMetric>(_ => new MetricAggregator());

        services.TryAddKeyedSingleton<SegmenterFactory>(SegmenterOptions.OssNetFamily, (_, _) => OssNetSegmenterFamily.Create);
        services.TryAddKeyedSingleton<SegmenterFactory>(SegmenterOptions.ModelFileFamily, (_, _) => ModelFileSegmenterFamily.Create);
        services.TryAddKeyedSingleton<SegmenterFactory>(SegmenterOptions.UNet3DFamily, (_, _) => UNetSegmenterFamily.Create);
        services.TryAddKeyedSingleton<SegmenterFactory>(SegmenterOptions.UNet2DFamily, (_, _) => UNetSegmenterFamily.Create);
        return marker;
    }
}
