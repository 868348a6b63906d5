// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Segmentation;

/// <summary>
/// Segments volumes with an occupancy model (OSS-Net A–D, O-Net): preprocessing, one encoder pass, the multi-resolution point
/// queries (with the encoder prior for C/D), then the mask mapped back onto the input's own grid and affine.
/// </summary>
/// <remarks>
/// <para>Binary models threshold the sigmoid (<see cref="SegmentationRequest.ThresholdProbability"/>); models with three or more
/// classes take the softmax argmax per point and the head's argmax for the prior. The mask holds the label values of
/// <see cref="OssNetSegmenterOptions.Labels"/>; probabilities are 1 − P(background).</para>
/// Owns its model (disposed with the segmenter). Calls are serialised; the tensor work of a call runs synchronously on one
/// thread-pool thread inside one dispose scope, so no tensor outlives the call.
/// </remarks>
public sealed class OssNetSegmenter : TorchSegmenter
{
    private readonly OssNetModel _model;
    private readonly OssNetSegmenterOptions _options;
    private readonly MultiResolutionOccupancyInferer _inferer;
    private readonly Device _device;

    /// <summary>Initializes a segmenter; it takes ownership of <paramref name="model"/> and moves it to <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public OssNetSegmenter(OssNetModel model, OssNetSegmenterOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (model.Classes != options.Labels.Count)
        {
            throw new ArgumentException(
                $"Model '{model.Options.Name}' has {model.Classes} classes, but OssNetSegmenterOptions.Labels has {options.Labels.Count} ({options.Labels.Describe()}).",
                nameof(options));
        }

        _model = model;
        _options = options;
        _device = device ?? torch.CPU;
        _model.to(_device);
        _model.eval();
        _inferer = new MultiResolutionOccupancyInferer(options.Inference);
    }

    /// <inheritdoc />
    public override string ModelName => $"OSS-Net '{_model.Options.Name}'";

    /// <summary>Gets the model (owned by the segmenter).</summary>
    public OssNetModel Model => _model;

    /// <inheritdoc />
    public override SegmentationResult Segment(VolumeCase input, SegmentationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var transformed = _options.Preprocessing!.Apply(input with { Label = null });
        var image = transformed.Case.Image;
        if (image.Shape != _model.FullResolutionShape || image.Channels != _model.InputChannels)
        {
            throw new InvalidVolumeException(
                input.Id,
                $"preprocessing produced {image.Channels} channel(s) on a {image.Shape} grid; model '{_model.Options.Name}' needs {_model.InputChannels} on {_model.FullResolutionShape}.");
        }

        LabelVolume mask;
        Volume? probabilities = null;
        long pointsQueried;
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var volume = image.ToTensor().to(_device);
            var encoderInput = nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]);
            using var encoded = _model.Encode(encoderInput);
            using var extractor = _model.PatchChannels > 0
                ? new PatchExtractor(volume, _model.UsesSmallPatches, _model.UsesLargePatches, _options.LargePatchPooling)
                : null;
            var shape = (X: (long)image.Shape.X, Y: (long)image.Shape.Y, Z: (long)image.Shape.Z);
            Tensor? prior = null;
            var usePrior = request.UseEncoderPrior ?? _options.UseEncoderPrior;
            if (usePrior && encoded.LowResolutionLogits is not null)
            {
                var headProbabilities = _model.IsBinary ? encoded.LowResolutionLogits.sigmoid() : encoded.LowResolutionLogits.softmax(1);
                prior = EncoderPrior.ToFirstStageMask(headProbabilities, _inferer.FirstStageLatticeShape(shape));
            }

            Tensor Query(Tensor points)
            {
                var patches = extractor?.Gather(points).unsqueeze(0);
                var logits = _model.Decode(points.to(ScalarType.Float32).unsqueeze(0), patches, encoded)[0];
                return _model.IsBinary ? logits.sigmoid().reshape(-1) : logits.softmax(-1);
            }

            using var result = _model.IsBinary
                ? InfererFor(request).Run(Query, shape, _device, prior, request.IncludeProbabilities, cancellationToken)
                : _inferer.RunMultiClass(Query, _model.Classes, shape, _device, prior, request.IncludeProbabilities, cancellationToken);
            pointsQueried = result.PointsQueried;
            mask = result.Occupancy.ToLabelVolume(image.Geometry);
            if (result.Probabilities is not null)
            {
                probabilities = result.Probabilities.ToVolume(image.Geometry);
            }
        }

        var originalMask = _options.Labels.ToLabelValues(transformed.MapLabelsBack(mask));
        var originalProbabilities = probabilities is null ? null : transformed.MapProbabilitiesBack(probabilities);
        var statistics = new SegmentationStatistics(pointsQueried, image.Shape.VoxelCount, clock.Elapsed, ProcessMemory.PeakResidentBytes());
        return new SegmentationResult(originalMask, originalProbabilities, statistics) { Labels = _options.Labels };
    }

    // The request's threshold, when it sets one, replaces the configured one for this call only.
    private MultiResolutionOccupancyInferer InfererFor(SegmentationRequest request) =>
        request.ThresholdProbability is not { } threshold || threshold == _options.Inference.ThresholdProbability
            ? _inferer
            : new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions
            {
                ResolutionStages = _options.Inference.ResolutionStages,
                MaxPointsPerForward = _options.Inference.MaxPointsPerForward,
                ThresholdProbability = threshold,
            });

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _model.Dispose();
        }
    }
}
