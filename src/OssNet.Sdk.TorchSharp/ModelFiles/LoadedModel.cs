// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.ModelFiles;

/// <summary>A model read from a model file: its description and its trained module, ready to become a segmenter.</summary>
/// <remarks>Owns the module until <see cref="CreateSegmenter"/> hands it to the segmenter; disposing afterwards does nothing.</remarks>
public sealed class LoadedModel : IDisposable
{
    private nn.Module? _model;

    internal LoadedModel(ModelDescription description, nn.Module model)
    {
        Description = description;
        _model = model;
    }

    /// <summary>Gets what the model is.</summary>
    public ModelDescription Description { get; }

    /// <summary>Gets the trained module (an <see cref="OssNetModel"/> or a <see cref="ResidualUNet"/>).</summary>
    /// <exception cref="ObjectDisposedException">The module was handed to a segmenter or disposed.</exception>
    public nn.Module Model => _model ?? throw new ObjectDisposedException(nameof(LoadedModel), "The model was handed to a segmenter or disposed.");

    /// <summary>Creates the segmenter the description calls for — preprocessing from the plan, classes and label values from the
    /// file — and hands it the module (this instance no longer owns it).</summary>
    /// <param name="settings">Inference settings that override the defaults; null keeps them.</param>
    /// <param name="device">Where the model runs; CPU when null.</param>
    /// <returns>A segmenter that owns the model; the caller disposes it.</returns>
    public TorchSegmenter CreateSegmenter(ModelSegmenterSettings? settings = null, Device? device = null)
    {
        settings ??= new ModelSegmenterSettings();
        var model = Model;
        var description = Description;
        TorchSegmenter segmenter;
        if (model is OssNetModel occupancy)
        {
            var inference = new MultiResolutionInfererOptions();
            if (settings.ThresholdProbability is { } threshold)
            {
                inference.ThresholdProbability = threshold;
            }

            if (settings.MaxPointsPerForward is { } maxPoints)
            {
                inference.MaxPointsPerForward = maxPoints;
            }

            segmenter = new OssNetSegmenter(occupancy, new OssNetSegmenterOptions
            {
                Preprocessing = description.CreatePreprocessing(),
                Labels = description.Labels,
                UseEncoderPrior = settings.UseEncoderPrior ?? true,
                Inference = inference,
            }, device);
        }
        else
        {
            var dense = description.Dense ?? new DenseInferenceSettings(1, null, VolumeAxis.Z);
            segmenter = new UNetSegmenter((ResidualUNet)model, new DenseTrainingOptions
            {
                Preprocessing = description.CreatePreprocessing(),
                Labels = description.Labels,
                Downscale = dense.Downscale,
                PatchShape = dense.Window is { } w ? (w.X, w.Y, w.Z) : null,
                SliceAxis = dense.SliceAxis,
            }, device);
        }

        _model = null;
        return segmenter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model?.Dispose();
        _model = null;
    }
}

/// <summary>Inference settings applied on top of what a model file describes.</summary>
public sealed class ModelSegmenterSettings
{
    /// <summary>Gets or sets the probability above which a voxel is foreground (binary models).</summary>
    /// <value>The default value is null: 0.5.</value>
    public double? ThresholdProbability { get; set; }

    /// <summary>Gets or sets a value indicating whether OSS-Net C/D skip what their encoder head calls background.</summary>
    /// <value>The default value is null: true.</value>
    public bool? UseEncoderPrior { get; set; }

    /// <summary>Gets or sets the largest number of points decoded in one call.</summary>
    /// <value>The default value is null: the inferer's default (16,384).</value>
    public int? MaxPointsPerForward { get; set; }
}
