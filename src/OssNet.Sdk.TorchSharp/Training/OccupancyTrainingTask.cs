// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Sampling;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Losses;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>Trains an occupancy model (OSS-Net A–D, O-Net) on points sampled from each volume (see docs/guides/training.md).</summary>
/// <remarks>
/// Per step and volume: augmentation (optional), 2^14 points (uniform or border-focused), their 7³ (and pooled 14³) patches from
/// the full-resolution volume, the encoder input as the 2×2×2 average of that volume (the reference's factor-2 trilinear
/// downscale), then BCE on the points plus 0.1 × BCE of the encoder head against the max-pooled label for C/D.
/// Validation scores Dice and IoU on uniformly sampled points, as the reference.
/// <para>Labels are mapped to class indices by <see cref="OccupancyTrainingOptions.Labels"/>. A model with N ≥ 3 classes is
/// trained with cross-entropy on the points and on the head (whose target is each coarse cell's majority foreground class, see
/// <see cref="OccupancyLoss.LowResolutionTarget(Tensor, ValueTuple{long, long, long}, int)"/>), border-focused sampling follows every
/// boundary between two classes, and validation reports the Dice of each foreground class and their mean.</para>
/// </remarks>
public sealed class OccupancyTrainingTask : TrainingTask
{
    private readonly OssNetModel _model;
    private readonly OccupancyTrainingOptions _options;
    private readonly IPointSampler _sampler;
    private readonly UniformPointSampler _validationSampler;
    private static readonly long[] s_volumeAxes = [1, 2, 3];
    private static readonly long[] s_labelAxes = [0, 1, 2];
    private readonly Device _device;

    /// <summary>Initializes the task; it takes ownership of <paramref name="model"/> (disposed with the task).</summary>
    /// <param name="model">The model, already on <paramref name="device"/>.</param>
    /// <param name="options">How to train.</param>
    /// <param name="device">Where the tensors of a step live; CPU when null.</param>
    public OccupancyTrainingTask(OssNetModel model, OccupancyTrainingOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (model.Classes != options.Labels.Count)
        {
            throw new ArgumentException(
                $"Model '{model.Options.Name}' has {model.Classes} classes, but OccupancyTrainingOptions.Labels has {options.Labels.Count} ({options.Labels.Describe()}); build the model with Classes = {options.Labels.Count}.",
                nameof(options));
        }

        _model = model;
        _options = options;
        _device = device ?? torch.CPU;
        _sampler = options.BorderShare > 0
            ? new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { PointCount = options.PointsPerVolume, BorderShare = options.BorderShare })
            : new UniformPointSampler(new PointSamplerOptions { PointCount = options.PointsPerVolume });
        _validationSampler = new UniformPointSampler(new PointSamplerOptions { PointCount = options.ValidationPointsPerVolume });
    }

    /// <inheritdoc />
    public override nn.Module Model => _model;

    /// <inheritdoc />
    public override string Description => $"occupancy model '{_model.Options.Name}'";

    /// <inheritdoc />
    public override PreparedCase Prepare(VolumeCase volumeCase)
    {
        ArgumentNullException.ThrowIfNull(volumeCase);
        var prepared = _options.Preprocessing!.Apply(volumeCase).Case;
        var expected = _model.FullResolutionShape;
        if (prepared.Image.Shape != expected)
        {
            throw new InvalidVolumeException(
                volumeCase.Id,
                $"preprocessing produced a {prepared.Image.Shape} grid, but model '{_model.Options.Name}' works on {expected}; choose a preprocessing that pads, crops or resamples to {expected}.");
        }

        if (prepared.Image.Channels != _model.InputChannels)
        {
            throw new InvalidVolumeException(
                volumeCase.Id, $"the case has {prepared.Image.Channels} channels; model '{_model.Options.Name}' expects {_model.InputChannels}.");
        }

        var label = prepared.Label ?? throw new InvalidVolumeException(volumeCase.Id, "the case has no label.");
        var classes = _options.Labels.ToClassIndices(label, volumeCase.Id);
        var border = _options.BorderShare > 0
            ? PointSamplingContext.IndicesOfNonZero(BorderMap.ComputeBetweenClasses(classes))
            : [];
        return new OccupancyCase(volumeCase.Id, prepared.Image.ToTensor(), classes, border);
    }

    /// <inheritdoc />
    public override Tensor ComputeLoss(IReadOnlyList<PreparedCase> batch, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        var encoderInputs = new List<Tensor>(batch.Count);
        var coordinates = new List<Tensor>(batch.Count);
        var patches = new List<Tensor>(batch.Count);
        var labels = new List<Tensor>(batch.Count);
        var fullLabels = new List<Tensor>(batch.Count);
        foreach (var prepared in batch.Cast<OccupancyCase>())
        {
            var flips = _options.Augment ? TensorAugmentation.DrawFlips(context.Random) : [];
            var volume = prepared.Volume.to(_device);
            volume = _options.Augment ? TensorAugmentation.Intensity(volume, context.Random, context.Generator) : volume;
            var labelTensor = prepared.LabelTensor.to(_device);
            if (flips.Length > 0)
            {
                volume = volume.flip(flips);
                labelTensor = labelTensor.flip(flips.Select(a => a - 1).ToArray());
            }

            var shifts = _options.Augment && _options.MaxShiftVoxels > 0 ? DrawShifts(context.Random) : null;
            if (shifts is not null)
            {
                volume = volume.roll(shifts, s_volumeAxes);
                labelTensor = labelTensor.roll(shifts, s_labelAxes);
            }

            // Points are drawn in the unflipped, unshifted frame (where the border map lives), then mirrored and shifted with
            // the volume; their labels are the same.
            var points = _sampler.Sample(prepared.SamplingContext, context.Random);
            var xyz = Shift(PointTensor(points, flips, prepared.Classes.Shape), shifts, prepared.Classes.Shape);
            coordinates.Add(xyz.to(ScalarType.Float32));
            var pointClasses = torch.tensor(ClassesAt(points, prepared.Classes), device: _device);
            labels.Add(_model.IsBinary ? pointClasses.to(ScalarType.Float32).unsqueeze(1) : pointClasses.to(ScalarType.Int64));
            if (_model.PatchChannels > 0)
            {
                using var extractor = new PatchExtractor(volume, _model.UsesSmallPatches, _model.UsesLargePatches);
                patches.Add(extractor.Gather(xyz));
            }

            encoderInputs.Add(nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]).squeeze(0));
            fullLabels.Add(labelTensor);
        }

        var (logits, lowResolution) = _model.forward(
            torch.stack(encoderInputs), torch.stack(coordinates), patches.Count > 0 ? torch.stack(patches) : null);
        Tensor? lowTarget = null;
        if (lowResolution is not null && _options.AuxiliaryLossWeight > 0)
        {
            lowTarget = OccupancyLoss.LowResolutionTarget(
                torch.stack(fullLabels), (lowResolution.shape[2], lowResolution.shape[3], lowResolution.shape[4]), _model.Classes);
        }

        return OccupancyLoss.Total(logits, torch.stack(labels), lowResolution, lowTarget, _options.AuxiliaryLossWeight);
    }

    /// <inheritdoc />
    public override CaseScore Evaluate(PreparedCase preparedCase, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(preparedCase);
        ArgumentNullException.ThrowIfNull(context);
        var prepared = (OccupancyCase)preparedCase;
        var points = _validationSampler.Sample(prepared.SamplingContext, context.Random);
        var volume = prepared.Volume.to(_device);
        var encoderInput = nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]);
        using var encoded = _model.Encode(encoderInput);
        using var extractor = _model.PatchChannels > 0 ? new PatchExtractor(volume, _model.UsesSmallPatches, _model.UsesLargePatches) : null;
        var xyz = PointTensor(points, [], prepared.Classes.Shape);
        var predicted = new byte[points.Count];
        for (var start = 0; start < points.Count; start += _options.MaxPointsPerForward)
        {
            using var chunkScope = torch.NewDisposeScope();
            var length = Math.Min(_options.MaxPointsPerForward, points.Count - start);
            var chunk = xyz.narrow(0, start, length);
            var chunkPatches = extractor?.Gather(chunk).unsqueeze(0);
            var logits = _model.Decode(chunk.to(ScalarType.Float32).unsqueeze(0), chunkPatches, encoded)[0];
            var classes = PointClassification.Classify(logits).to(ScalarType.Byte).cpu();
            classes.data<byte>().CopyTo(predicted, start, 0);
        }

        return PointClassification.Score(predicted, ClassesAt(points, prepared.Classes), _model.Classes);
    }

    /// <summary>The class index of each point: the class-index label volume's value at its voxel.</summary>
    private static byte[] ClassesAt(PointSet points, LabelVolume classes)
    {
        var coordinates = points.Coordinates.Span;
        var values = classes.Labels.Span;
        var result = new byte[points.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[(int)classes.Shape.IndexOf(coordinates[3 * i], coordinates[(3 * i) + 1], coordinates[(3 * i) + 2])];
        }

        return result;
    }

    /// <summary>A random shift of −N..N voxels per axis (N = <see cref="OccupancyTrainingOptions.MaxShiftVoxels"/>).</summary>
    private long[] DrawShifts(Random random) =>
        [.. Enumerable.Range(0, 3).Select(_ => (long)random.Next(-_options.MaxShiftVoxels, _options.MaxShiftVoxels + 1))];

    /// <summary>Moves voxel coordinates as <c>roll</c> moved the voxels: (c + shift) modulo the extent.</summary>
    private Tensor Shift(Tensor xyz, long[]? shifts, VolumeShape shape)
    {
        if (shifts is null)
        {
            return xyz;
        }

        var offsets = torch.tensor(shifts, device: _device);
        var extents = torch.tensor(new long[] { shape.X, shape.Y, shape.Z }, device: _device);
        return torch.remainder(xyz + offsets, extents);
    }

    private Tensor PointTensor(PointSet points, long[] flips, VolumeShape shape)
    {
        var xyz = torch.tensor(points.Coordinates.ToArray(), [points.Count, 3], device: _device).to(ScalarType.Int64);
        if (flips.Length == 0)
        {
            return xyz;
        }

        long[] extents = [shape.X, shape.Y, shape.Z];
        var mirrored = xyz.clone();
        foreach (var axis in flips)
        {
            var column = axis - 1;
            mirrored[.., column] = (extents[column] - 1) - xyz[.., column];
        }

        return mirrored;
    }

    private sealed class OccupancyCase : PreparedCase
    {
        public OccupancyCase(string id, Tensor volume, LabelVolume classes, int[] borderIndices)
            : base(id)
        {
            Volume = volume;
            Classes = classes;
            LabelTensor = classes.ToTensor();

            // No labels in the context: its points would carry 0/1 labels; the task gathers class indices (ClassesAt).
            SamplingContext = new PointSamplingContext(classes.Shape, labels: null, borderIndices);
        }

        public Tensor Volume { get; }

        /// <summary>Gets the case's class indices (0..N−1) on the model's grid.</summary>
        public LabelVolume Classes { get; }

        public Tensor LabelTensor { get; }

        public PointSamplingContext SamplingContext { get; }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Volume.Dispose();
                LabelTensor.Dispose();
            }
        }
    }
}
