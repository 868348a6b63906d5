// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

#pragma warning disable IDE0130 // Extension methods of Microsoft.Extensions live in its namespace, so they are found without a using.

using OssNet.Sdk.DependencyInjection;
using OssNet.Sdk.Segmentation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds segmenters and segmenter families to an <see cref="IOssNetBuilder"/>.</summary>
public static class OssNetBuilderExtensions
{
    /// <summary>
    /// Adds a keyed singleton <see cref="ISegmenter"/> named <paramref name="name"/> with named <see cref="SegmenterOptions"/>
    /// (bound from <c>OssNet:Segmenters:&lt;name&gt;</c>, validated at start-up). Resolve it with
    /// <c>GetRequiredKeyedService&lt;ISegmenter&gt;(name)</c> or <c>[FromKeyedServices(name)]</c>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddOssNet()</c>.</param>
    /// <param name="name">The segmenter's name: its service key, options name and configuration key.</param>
    /// <param name="configure">Configures the segmenter in code; may do nothing when configuration says everything.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">A segmenter with that name is already registered.</exception>
    /// <remarks>The segmenter is created on first resolution and owns its model; the container disposes it.</remarks>
    public static IOssNetBuilder AddSegmenter(this IOssNetBuilder builder, string name, Action<SegmenterBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(SegmenterRegistration) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"A segmenter named '{name}' is already registered.");
        }

        var registration = new SegmenterRegistration(name);
        services.AddKeyedSingleton(name, registration);
        var options = services.AddOptions<SegmenterOptions>(name);
        configure(new SegmenterBuilder(name, services, registration));
        options.ValidateOnStart();
        services.AddKeyedSingleton<ISegmenter>(name, (sp, _) => SegmenterActivator.Create(sp, registration));
        return builder;
    }

    /// <summary>Adds a segmenter family: segmenters whose <see cref="SegmenterOptions.Family"/> is <paramref name="family"/> are built by
    /// <paramref name="factory"/>. It replaces a built-in family (<c>oss-net</c>, <c>unet-3d</c>, <c>unet-2d</c>, <c>model-file</c>) or an
    /// earlier registration of the same name.</summary>
    /// <param name="builder">The builder from <c>AddOssNet()</c>.</param>
    /// <param name="family">The family name used in options and configuration.</param>
    /// <param name="factory">Builds a segmenter from its options.</param>
    /// <returns>The builder.</returns>
    public static IOssNetBuilder AddSegmenterFamily(this IOssNetBuilder builder, string family, SegmenterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(family);
        ArgumentNullException.ThrowIfNull(factory);
        var earlier = builder.Services.Where(d => d.ServiceType == typeof(SegmenterFactory) && Equals(d.ServiceKey, family)).ToList();
        foreach (var descriptor in earlier)
        {
            builder.Services.Remove(descriptor);
        }

        builder.Services.AddKeyedSingleton(family, (_, _) => factory);
        return builder;
    }
}
