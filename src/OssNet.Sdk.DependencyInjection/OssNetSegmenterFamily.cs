// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>The built-in <c>oss-net</c> family: an <see cref="OssNetModel"/> (preset or architecture, optional custom encoder,
/// optional weights) inside an <see cref="OssNetSegmenter"/>, which owns it.</summary>
internal static partial class OssNetSegmenterFamily
{
    public static ISegmenter Create(SegmenterBuildContext context)
    {
        TorchBackend.EnsureLoaded();
        var options = context.Options;
        var logger = (ILogger?)context.Services.GetService<ILoggerFactory>()?.CreateLogger(typeof(OssNetSegmenterFamily).FullName!) ?? NullLogger.Instance;
        var model = OssNetModel.Create(options.ResolveArchitecture(), context.EncoderFactory);
        try
        {
            if (options.WeightsPath is { } weights)
            {
                model.LoadWeights(weights);
                LoadedWeights(logger, context.Name, model.Options.Name, weights, context.Device);
            }
            else
            {
                NoWeights(logger, context.Name, model.Options.Name);
            }

            var segmenterOptions = new OssNetSegmenterOptions
            {
                Preprocessing = context.CreatePreprocessing(model.FullResolutionShape),
                UseEncoderPrior = options.UseEncoderPrior,
                LargePatchPooling = options.LargePatchPooling,
                Inference = new MultiResolutionInfererOptions
                {
                    ThresholdProbability = options.ThresholdProbability,
                    MaxPointsPerForward = options.MaxPointsPerForward,
                },
            };
            return new OssNetSegmenter(model, segmenterOptions, context.Device);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Segmenter '{Segmenter}': model '{Model}' loaded weights from {Path} on {Device}")]
    private static partial void LoadedWeights(ILogger logger, string segmenter, string model, string path, global::TorchSharp.torch.Device device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segmenter '{Segmenter}': model '{Model}' has no weights file and keeps its initial (untrained) weights")]
    private static partial void NoWeights(ILogger logger, string segmenter, string model);
}
