// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.TorchSharp.Models.OssNet;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>
/// Binds each registered segmenter's options from configuration, after the code defaults (a post-configure step, so
/// appsettings override code). The section is <c>OssNet:Segmenters:&lt;name&gt;</c> of the host's configuration, the
/// <c>Segmenters:&lt;name&gt;</c> child of the section given to <c>AddOssNet(IConfiguration)</c>, or the one given to
/// <see cref="SegmenterBuilder.BindConfiguration"/>. Unknown keys fail (typos are reported, not ignored).
/// </summary>
internal sealed class SegmenterConfigurationBinder(IServiceProvider services) : IPostConfigureOptions<SegmenterOptions>
{
    public void PostConfigure(string? name, SegmenterOptions options)
    {
        if (name is null || services.GetKeyedService<SegmenterRegistration>(name) is not { } registration)
        {
            return;
        }

        var section = registration.ConfigurationSection ?? RootSection()?.GetSection("Segmenters").GetSection(name);
        if (section is null || !section.GetChildren().Any())
        {
            return;
        }

        Bind(section, options);
    }

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>; list-valued architecture keys replace the lists
    /// (the binder would append to them), and an architecture section starts from <see cref="OssNetOptions"/>' defaults.</summary>
    internal static void Bind(IConfiguration section, SegmenterOptions options)
    {
        var architecture = section.GetSection(nameof(SegmenterOptions.Architecture));
        if (architecture.GetChildren().Any())
        {
            options.Architecture ??= new OssNetOptions();
            if (architecture.GetSection(nameof(OssNetOptions.EncoderChannels)).GetChildren().Any())
            {
                options.Architecture.EncoderChannels = [];
            }

            if (architecture.GetSection(nameof(OssNetOptions.DecoderWidths)).GetChildren().Any())
            {
                options.Architecture.DecoderWidths = [];
            }
        }

        section.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
    }

    private IConfiguration? RootSection() =>
        services.GetRequiredService<OssNetMarker>().Section
        ?? services.GetService<IConfiguration>()?.GetSection(OssNetServiceOptions.DefaultSectionName);
}
