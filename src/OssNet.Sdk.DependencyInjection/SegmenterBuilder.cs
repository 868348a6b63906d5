// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>Configures one named segmenter in <c>AddSegmenter(name, segmenter => …)</c>: model, encoder, weights, device,
/// preprocessing, a custom factory and decorators. Every method returns the builder.</summary>
/// <remarks>
/// Settings made here are code defaults of the named <see cref="SegmenterOptions"/>; the configuration section
/// <c>OssNet:Segmenters:&lt;name&gt;</c> is applied after them. Modules are never registered in the container: the
/// segmenter creates and owns its model.
/// </remarks>
public sealed class SegmenterBuilder
{
    private readonly SegmenterRegistration _registration;

    internal SegmenterBuilder(string name, IServiceCollection services, SegmenterRegistration registration)
    {
        Name = name;
        Services = services;
        _registration = registration;
    }

    /// <summary>Gets the segmenter's name (its service key and options name).</summary>
    public string Name { get; }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Changes the named <see cref="SegmenterOptions"/> in code.</summary>
    /// <param name="configure">The change.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder Configure(Action<SegmenterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(Name, configure);
        return this;
    }

    /// <summary>Uses a U-Net preset by name (<c>residual_unet_3d_bra_ts</c>, <c>tiny_3d</c>, …; see <see cref="UNetPresets"/>).</summary>
    /// <param name="presetName">The U-Net preset.</param>
    /// <param name="grid">The grid the preprocessing ends on (see <see cref="SegmenterOptions.Grid"/>).</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseUNet(string presetName, VolumeShape? grid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(presetName);
        var family = UNetPresets.FromName(presetName).SpatialDimensions == 2 ? SegmenterOptions.UNet2DFamily : SegmenterOptions.UNet3DFamily;
        return Configure(o =>
        {
            o.Family = family;
            o.Preset = presetName;
            o.Architecture = null;
            o.UNetArchitecture = null;
            o.Grid = grid ?? o.Grid;
        });
    }

    /// <summary>Uses an OSS-Net preset by name (e.g. <c>oss_net_full_bra_ts</c>, <c>tiny</c>).</summary>
    /// <param name="presetName">See <see cref="OssNetPresets.FromName"/>.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseOssNet(string presetName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(presetName);
        return Configure(o =>
        {
            o.Family = SegmenterOptions.OssNetFamily;
            o.Preset = presetName;
            o.Architecture = null;
        });
    }

    /// <summary>Uses an OSS-Net architecture (a preset from <see cref="OssNetPresets"/>, changed as needed); it is copied.</summary>
    /// <param name="architecture">The architecture.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseOssNet(OssNetOptions architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var copy = architecture.Clone();
        return Configure(o =>
        {
            o.Family = SegmenterOptions.OssNetFamily;
            o.Preset = null;
            o.Architecture = copy.Clone();
        });
    }

    /// <summary>Uses a model file written by <c>ossnet train</c> (<c>.ossnet</c>) or a checkpoint with its <c>model.json</c>: family,
    /// architecture, preprocessing and labels come from the file.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder WithModel(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Configure(o =>
        {
            o.ModelPath = path;
            o.Preset = null;
            o.Architecture = null;
            o.UNetArchitecture = null;
            o.WeightsPath = null;
        });
    }

    /// <summary>Uses a residual U-Net baseline (<c>unet-3d</c> or <c>unet-2d</c> by its dimensions); the architecture is copied.</summary>
    /// <param name="architecture">The architecture, e.g. <c>UNetOptions.ForGrid(…)</c> or a <see cref="UNetPresets"/> entry.</param>
    /// <param name="grid">The grid the preprocessing ends on (see <see cref="SegmenterOptions.Grid"/>).</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseUNet(UNetOptions architecture, VolumeShape? grid = null)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var copy = architecture.Clone();
        return Configure(o =>
        {
            o.Family = copy.SpatialDimensions == 2 ? SegmenterOptions.UNet2DFamily : SegmenterOptions.UNet3DFamily;
            o.Preset = null;
            o.Architecture = null;
            o.UNetArchitecture = copy.Clone();
            o.Grid = grid ?? o.Grid;
        });
    }

    /// <summary>Replaces the built-in encoder with a custom one.</summary>
    /// <param name="factory">Creates the encoder from what the model expects; the model owns the result.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseEncoder(EncoderFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _registration.EncoderFactory = _ => factory;
        return this;
    }

    /// <summary>Replaces the built-in encoder with a custom one that needs application services.</summary>
    /// <param name="factory">Creates the encoder from the build context and the container; the model owns the result.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseEncoder(Func<EncoderBuildContext, IServiceProvider, EncoderModule> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _registration.EncoderFactory = services => context => factory(context, services);
        return this;
    }

    /// <summary>Replaces the built-in encoder with <typeparamref name="TEncoder"/>, created by
    /// <see cref="ActivatorUtilities"/>: its constructor may take the <see cref="EncoderBuildContext"/> and any registered service.</summary>
    /// <typeparam name="TEncoder">The encoder type; it is created, never registered, and the model owns it.</typeparam>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseEncoder<TEncoder>()
        where TEncoder : EncoderModule
    {
        _registration.EncoderFactory = services => context => ActivatorUtilities.CreateInstance<TEncoder>(services, context);
        return this;
    }

    /// <summary>Loads the model's weights from a file when the segmenter is created.</summary>
    /// <param name="path">A <c>.dat</c>, <c>.pt</c>/<c>.pth</c> or <c>.safetensors</c> file.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder WithWeights(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Configure(o => o.WeightsPath = path);
    }

    /// <summary>Runs the model on a device: <c>cpu</c>, <c>auto</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <param name="device">The device name.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder OnDevice(string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        return Configure(o => o.Device = device);
    }

    /// <summary>Uses a built-in preprocessing by name (see <see cref="PreprocessingPresets"/>).</summary>
    /// <param name="presetName"><c>brats2020</c>, <c>lits</c>, <c>zscore-pad</c>, <c>zscore-resample</c> or <c>none</c>.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder WithPreprocessing(string presetName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(presetName);
        return Configure(o => o.Preprocessing = presetName);
    }

    /// <summary>Uses a custom preprocessing transform; it must end on the model's full-resolution grid.</summary>
    /// <param name="transform">The transform (shared by every call; transforms are stateless).</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder WithPreprocessing(IVolumeTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return WithPreprocessing(_ => transform);
    }

    /// <summary>Uses a custom preprocessing transform built from the container.</summary>
    /// <param name="factory">Creates the transform once, when the segmenter is created.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder WithPreprocessing(Func<IServiceProvider, IVolumeTransform> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _registration.Preprocessing = factory;
        return Configure(o => o.Preprocessing = PreprocessingPresets.Custom);
    }

    /// <summary>Builds this segmenter with a factory of its own instead of its family's (e.g. a U-Net segmenter).</summary>
    /// <param name="factory">The factory.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder UseFactory(SegmenterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _registration.Factory = factory;
        return this;
    }

    /// <summary>Binds the options from <paramref name="section"/> instead of <c>OssNet:Segmenters:&lt;name&gt;</c>.</summary>
    /// <param name="section">The configuration section.</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder BindConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _registration.ConfigurationSection = section;
        return this;
    }

    /// <summary>Wraps the segmenter in a decorator; the first <c>Use</c> is the outermost.</summary>
    /// <param name="decorator">Returns the decorator of the inner segmenter; derive it from <see cref="DelegatingSegmenter"/> so that
    /// disposing it disposes the inner segmenter (the container disposes only the outermost).</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder Use(Func<ISegmenter, IServiceProvider, ISegmenter> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        _registration.Decorators.Add(decorator);
        return this;
    }

    /// <summary>Wraps the segmenter in a decorator; the first <c>Use</c> is the outermost.</summary>
    /// <param name="decorator">Returns the decorator of the inner segmenter (see <see cref="Use(Func{ISegmenter, IServiceProvider, ISegmenter})"/>).</param>
    /// <returns>This builder.</returns>
    public SegmenterBuilder Use(Func<ISegmenter, ISegmenter> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        return Use((inner, _) => decorator(inner));
    }
}
