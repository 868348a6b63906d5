// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.ModelFiles;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>The built-in <c>model-file</c> family: any model family read from a <c>.ossnet</c> file (or a checkpoint with its
/// <c>model.json</c>), with the file's preprocessing and labels and the registration's inference settings.</summary>
internal static partial class ModelFileSegmenterFamily
{
    public static ISegmenter Create(SegmenterBuildContext context)
    {
        TorchBackend.EnsureLoaded();
        var options = context.Options;
        var path = options.ModelPath ?? throw new InvalidOperationException($"Segmenter '{context.Name}': the model-file family needs {nameof(options.ModelPath)}.");
        using var loaded = ModelFile.Load(path);
        var logger = (ILogger?)context.Services.GetService<ILoggerFactory>()?.CreateLogger(typeof(ModelFileSegmenterFamily).FullName!) ?? NullLogger.Instance;
        Loaded(logger, context.Name, loaded.Description.ModelName, path, context.Device);
        return loaded.CreateSegmenter(
            new ModelSegmenterSettings
            {
                ThresholdProbability = options.ThresholdProbability,
                UseEncoderPrior = options.UseEncoderPrior,
                MaxPointsPerForward = options.MaxPointsPerForward,
            },
            context.Device);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Segmenter '{Segmenter}': {Model} loaded from {Path} on {Device}")]
    private static partial void Loaded(ILogger logger, string segmenter, string model, string path, global::TorchSharp.torch.Device device);
}
