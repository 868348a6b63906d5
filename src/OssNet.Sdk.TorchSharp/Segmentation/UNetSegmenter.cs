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
/// <remarks>Owns its model. The options are the ones the model was trained with (preprocessing, downscale, window, slice axis).</remarks>
public sealed class UNetSegmenter : TorchSegmenter
{
    // The dense segmenter has no configured threshold yet (it is configured with its training options), so a request
    // without one uses the reference's 0.5.
    private const double DefaultThresholdProbability = 0.5;

    private readonly ResidualUNet _model;
    private readonly DenseTrainingOptions _options;
    private readonly Device _device;

    /// <summary>Initializes a segmenter; it takes ownership of <paramref name="model"/> and moves it to <paramref name="device"/>.</summary>
    public UNetSegmenter(ResidualUNet model, DenseTrainingOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
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
                p = nn.functional.interpolate(p.unsqueeze(0).unsqueeze(0), size: [image.Shape.X, image.Shape.Y, image.Shape.Z], mode: InterpolationMode.Trilinear, align_corners: false)[0, 0];
            }

            probabilities = p.ToVolume(image.Geometry);
        }

        var mask = Threshold(probabilities, request.ThresholdProbability ?? DefaultThresholdProbability);
        var originalMask = transformed.MapLabelsBack(mask);
        var originalProbabilities = request.IncludeProbabilities ? transformed.MapProbabilitiesBack(probabilities) : null;
        var statistics = new SegmentationStatistics(image.Shape.VoxelCount, image.Shape.VoxelCount, clock.Elapsed, ProcessMemory.PeakResidentBytes());
        return new SegmentationResult(originalMask, originalProbabilities, statistics);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _model.Dispose();
        }
    }

    private static LabelVolume Threshold(Volume probabilities, double threshold)
    {
        var source = probabilities.Voxels.Span;
        var mask = new byte[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            mask[i] = source[i] > threshold ? (byte)1 : (byte)0;
        }

        return new LabelVolume(probabilities.Geometry, mask);
    }
}
