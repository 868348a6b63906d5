// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp;
using OssNet.Sdk.Transforms;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>What <see cref="SegmenterBuilder"/> collected in code for one named segmenter (kept as a keyed singleton).</summary>
internal sealed class SegmenterRegistration(string name)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, EncoderFactory>? EncoderFactory { get; set; }

    public Func<IServiceProvider, IVolumeTransform>? Preprocessing { get; set; }

    public SegmenterFactory? Factory { get; set; }

    public IConfiguration? ConfigurationSection { get; set; }

    public List<Func<ISegmenter, IServiceProvider, ISegmenter>> Decorators { get; } = [];
}

/// <summary>The marker that makes <c>AddOssNet</c> idempotent; it carries the configuration section given to it, if any.</summary>
internal sealed class OssNetMarker
{
    public IConfiguration? Section { get; set; }
}
