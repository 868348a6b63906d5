// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using static TorchSharp.torch;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>What a <see cref="SegmenterFactory"/> gets to build one named segmenter.</summary>
public sealed class SegmenterBuildContext
{
    private readonly Func<IServiceProvider, IVolumeTransform>? _customPreprocessing;

    internal SegmenterBuildContext(
        string name,
        SegmenterOptions options,
        Device device,
        IServiceProvider services,
        EncoderFactory? encoderFactory,
        Func<IServiceProvider, IVolumeTransform>? customPreprocessing)
    {
        Name = name;
        Options = options;
        Device = device;
        Services = services;
        EncoderFactory = encoderFactory;
        _customPreprocessing = customPreprocessing;
    }

    /// <summary>Gets the segmenter's name (its service key).</summary>
    public string Name { get; }

    /// <summary>Gets the validated options.</summary>
    public SegmenterOptions Options { get; }

    /// <summary>Gets the resolved device (the model must be moved there; the SDK's segmenters do it).</summary>
    public Device Device { get; }

    /// <summary>Gets the application's services (loggers, your own dependencies).</summary>
    public IServiceProvider Services { get; }

    /// <summary>Gets the custom encoder given in code (<c>SegmenterBuilder.UseEncoder</c>), or null for the built-in one.</summary>
    public EncoderFactory? EncoderFactory { get; }

    /// <summary>Creates the preprocessing named by <see cref="SegmenterOptions.Preprocessing"/>, ending on <paramref name="modelGrid"/>.</summary>
    /// <param name="modelGrid">The grid the model predicts on.</param>
    /// <returns>The custom transform given in code, or a new built-in pipeline.</returns>
    /// <exception cref="ArgumentException">The name is unknown or does not fit the grid.</exception>
    public IVolumeTransform CreatePreprocessing(VolumeShape modelGrid)
    {
        if (string.Equals(Options.Preprocessing, PreprocessingPresets.Custom, StringComparison.OrdinalIgnoreCase))
        {
            return _customPreprocessing?.Invoke(Services)
                ?? throw new InvalidOperationException($"Segmenter '{Name}' names 'custom' preprocessing, but no transform was given in code.");
        }

        return PreprocessingPresets.Create(Options.Preprocessing, modelGrid);
    }
}
