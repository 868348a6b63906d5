// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>The built-in <c>unet-3d</c> and <c>unet-2d</c> families: a <see cref="ResidualUNet"/> (preset or architecture, optional
/// weights) inside a <see cref="UNetSegmenter"/>, which owns it; the preprocessing ends on <see cref="SegmenterOptions.Grid"/>.</summary>
internal static partial class UNetSegmenterFamily
{
    public static ISegmenter Create(SegmenterBuildContext context)
    {
        TorchBackend.EnsureLoaded();
        var options = context.Options;
        var logger = (ILogger?)context.Services.GetService<ILoggerFactory>()?.CreateLogger(typeof(UNetSegmenterFamily).FullName!) ?? NullLogger.Instance;
        var model = ResidualUNet.Create(options.ResolveUNetArchitecture());
        try
        {
            if (options.WeightsPath is { } weights)
            {
                model.LoadWeights(weights);
            }
            else
            {
                NoWeights(logger, context.Name, model.Options.Name);
            }

            return new UNetSegmenter(model, new DenseTrainingOptions
            {
                Preprocessing = context.CreatePreprocessing(GridOf(options)),
            }, context.Device);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The grid a U-Net registration's preprocessing ends on: <see cref="SegmenterOptions.Grid"/>, or BraTS's padded grid.</summary>
    internal static Volumes.VolumeShape GridOf(SegmenterOptions options) => options.Grid ?? Preprocessing.BraTs2020PaddedShape;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segmenter '{Segmenter}': U-Net '{Model}' has no weights file and keeps its initial (untrained) weights")]
    private static partial void NoWeights(ILogger logger, string segmenter, string model);
}
