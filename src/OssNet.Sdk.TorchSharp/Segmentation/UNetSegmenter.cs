// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Segmentation;

/// <summary>Segments volumes with a dense baseline: the residual 3D U-Net (whole volume or sliding windows) or the 2D U-Net (slice by slice).</summary>
/// <remarks>
/// <para>Owns its model. The options are the ones the model was trained with (preprocessing, downscale, window, slice axis,
/// labels).</para>
/// <para>A binary model's mask is <c>p &gt; threshold</c> (values 0/1). An N-class model's outputs go through a softmax; a
/// voxel is foreground when 1 − P(background) exceeds <see cref="SegmentationRequest.ThresholdProbability"/> (0.5 by default),
/// and then takes the most probable foreground class, written as that class's label value of
/// <see cref="DenseTrainingOptions.Labels"/>. <see cref="SegmentationResult.Labels"/> is that label set and
/// <see cref="SegmentationResult.Probabilities"/> is 1 − P(background), so the mask's foreground is exactly
/// <c>Probabilities &gt; threshold</c> for every model.</para>
/// </remarks>
public sealed class UNetSegmenter : TorchSegmenter
{
    // The dense segmenter has no configured threshold yet (it is configured with its training options), so a request
    // without one uses the reference's 0.5.
    private const double DefaultThresholdProbability = 0.5;

    private readonly ResidualUNet _model;
    private readonly DenseTrainingOptions _options;
    private readonly Device _device;

    /// <summary>Initializes a segmenter; it takes ownership of <paramref name="model"/> and moves it to <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid, or <see cref="DenseTrainingOptions.Labels"/> has another number of
    /// classes than the model.</exception>
    public UNetSegmenter(ResidualUNet model, DenseTrainingOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model);
        _model = model;
        _options = options;
        _device = device ?? torch.CPU;
        _model.to(_device);
        _model.eval();
    }

    /// <inheritdoc />
    public override string ModelName => $"{_model.SpatialDimensions}D residual U-Net '{_model.Options.Name}'";

    /// <inheritdoc />
    public override SegmentationResult Segment(VolumeCase input, SegmentationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var transformed = _options.Preprocessing!.Apply(input with { Label = null });
        var image = transformed.Case.Image;
        if (image.Channels != _model.InputChannels)
        {
            throw new InvalidVolumeException(input.Id, $"preprocessing produced {image.Channels} channel(s); model '{_model.Options.Name}' needs {_model.InputChannels}.");
        }

        LabelVolume classes;
        Volume probabilities;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var volume = image.ToTensor();
            if (_options.Downscale == 2)
            {
                volume = nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]).squeeze(0);
            }

            var p = DenseTrainingTask.PredictProbabilities(_model, volume, _options, _device, cancellationToken);
            if (_options.Downscale == 2)
            {
                p = DenseTrainingTask.Upsample(p, image.Shape);
            }

            (classes, probabilities) = DenseTrainingTask.Decide(p, image.Geometry, request.ThresholdProbability ?? DefaultThresholdProbability);
        }

        var mask = _options.Labels.ToLabelValues(classes);
        var originalMask = transformed.MapLabelsBack(mask);
        var originalProbabilities = request.IncludeProbabilities ? transformed.MapProbabilitiesBack(probabilities) : null;
        var statistics = new SegmentationStatistics(image.Shape.VoxelCount, image.Shape.VoxelCount, clock.Elapsed, ProcessMemory.PeakResidentBytes());
        return new SegmentationResult(originalMask, originalProbabilities, statistics) { Labels = _options.Labels };
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _model.Dispose();
        }
    }
}
