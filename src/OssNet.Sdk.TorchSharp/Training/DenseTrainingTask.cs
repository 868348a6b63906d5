// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Losses;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>Trains the dense baselines: the residual 3D U-Net on whole volumes or random crops, the 2D U-Net on random slices.</summary>
/// <remarks>Validation predicts the whole working grid densely (3D: sliding windows; 2D: slice by slice) and scores Dice/IoU
/// with the same metric code as evaluation.</remarks>
public sealed class DenseTrainingTask : TrainingTask
{
    private readonly ResidualUNet _model;
    private readonly DenseTrainingOptions _options;
    private readonly Device _device;

    /// <summary>Initializes the task; it takes ownership of <paramref name="model"/>.</summary>
    public DenseTrainingTask(ResidualUNet model, DenseTrainingOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        _device = device ?? torch.CPU;
    }

    /// <inheritdoc />
    public override nn.Module Model => _model;

    /// <inheritdoc />
    public override string Description => $"dense model '{_model.Options.Name}'";

    /// <inheritdoc />
    public override PreparedCase Prepare(VolumeCase volumeCase)
    {
        ArgumentNullException.ThrowIfNull(volumeCase);
        var prepared = _options.Preprocessing!.Apply(volumeCase).Case;
        if (prepared.Image.Channels != _model.InputChannels)
        {
            throw new InvalidVolumeException(volumeCase.Id, $"the case has {prepared.Image.Channels} channels; model '{_model.Options.Name}' expects {_model.InputChannels}.");
        }

        var label = (prepared.Label ?? throw new InvalidVolumeException(volumeCase.Id, "the case has no label.")).ToBinary();
        using var scope = torch.NewDisposeScope();
        var volume = prepared.Image.ToTensor();
        var target = label.ToTensor().to(ScalarType.Float32).unsqueeze(0);
        if (_options.Downscale == 2)
        {
            volume = nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]).squeeze(0);
            target = nn.functional.max_pool3d(target.unsqueeze(0), [2, 2, 2]).squeeze(0);
        }

        return new DenseCase(volumeCase.Id, volume.MoveToOuterDisposeScope(), target.MoveToOuterDisposeScope(), label);
    }

    /// <inheritdoc />
    public override Tensor ComputeLoss(IReadOnlyList<PreparedCase> batch, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        var inputs = new List<Tensor>();
        var targets = new List<Tensor>();
        foreach (var prepared in batch.Cast<DenseCase>())
        {
            var volume = prepared.Volume.to(_device);
            var target = prepared.Target.to(_device);
            if (_options.Augment)
            {
                var flips = TensorAugmentation.DrawFlips(context.Random);
                volume = TensorAugmentation.Intensity(volume, context.Random, context.Generator);
                if (flips.Length > 0)
                {
                    volume = volume.flip(flips);
                    target = target.flip(flips);
                }
            }

            if (_model.SpatialDimensions == 2)
            {
                var (slices, sliceTargets) = DrawSlices(volume, target, context.Random);
                inputs.Add(slices);
                targets.Add(sliceTargets);
            }
            else
            {
                var (crop, cropTarget) = DrawCrop(volume, target, context.Random);
                inputs.Add(crop.unsqueeze(0));
                targets.Add(cropTarget.unsqueeze(0));
            }
        }

        var logits = _model.call(torch.cat(inputs, 0));
        var y = torch.cat(targets, 0);
        return _options.Loss switch
        {
            DenseLoss.BinaryCrossEntropy => OccupancyLoss.BinaryCrossEntropy(logits, y),
            DenseLoss.Dice => DiceLoss.Soft(logits, y),
            _ => DiceLoss.WithBinaryCrossEntropy(logits, y),
        };
    }

    /// <inheritdoc />
    public override CaseScore Evaluate(PreparedCase preparedCase, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(preparedCase);
        var prepared = (DenseCase)preparedCase;
        var probabilities = PredictProbabilities(_model, prepared.Volume, _options, _device, CancellationToken.None);
        var grid = prepared.Labels.Geometry;
        if (_options.Downscale == 2)
        {
            probabilities = nn.functional.interpolate(probabilities.unsqueeze(0).unsqueeze(0), size: [grid.Shape.X, grid.Shape.Y, grid.Shape.Z], mode: InterpolationMode.Trilinear, align_corners: false)[0, 0];
        }

        var metrics = SegmentationMetrics.Compute(probabilities.ToVolume(grid), prepared.Labels, includeSurfaceDistances: false);
        return new CaseScore(metrics.Dice, metrics.IntersectionOverUnion);
    }

    /// <summary>Dense probabilities [X, Y, Z] (CPU) of a [C, X, Y, Z] volume on the model's working grid.</summary>
    internal static Tensor PredictProbabilities(ResidualUNet model, Tensor volume, DenseTrainingOptions options, Device device, CancellationToken cancellationToken)
    {
        using var scope = torch.NewDisposeScope();
        Tensor probabilities;
        if (model is ResidualUNet2D model2D)
        {
            probabilities = model2D.PredictVolume(volume.unsqueeze(0).to(device), options.SliceAxis).sigmoid()[0, 0].cpu();
        }
        else
        {
            var inferer = new SlidingWindowInferer(new SlidingWindowInfererOptions { WindowShape = options.PatchShape });
            probabilities = inferer.Run(window => model.call(window).sigmoid(), volume, device, cancellationToken);
        }

        return probabilities.MoveToOuterDisposeScope();
    }

    private (Tensor Slices, Tensor Targets) DrawSlices(Tensor volume, Tensor target, Random random)
    {
        var batched = volume.unsqueeze(0);
        var slices = ResidualUNet2D.ToSlices(batched, _options.SliceAxis);
        var sliceTargets = ResidualUNet2D.ToSlices(target.unsqueeze(0), _options.SliceAxis);
        var count = slices.shape[0];
        if (_options.SlicesPerVolume is { } wanted && wanted < count)
        {
            var chosen = Enumerable.Range(0, (int)count).ToArray();
            random.Shuffle(chosen);
            var index = torch.tensor(chosen.Take(wanted).Select(i => (long)i).ToArray(), device: volume.device);
            slices = slices.index_select(0, index);
            sliceTargets = sliceTargets.index_select(0, index);
        }

        return (slices, sliceTargets);
    }

    private (Tensor Crop, Tensor Target) DrawCrop(Tensor volume, Tensor target, Random random)
    {
        if (_options.PatchShape is not { } patch)
        {
            return (volume, target);
        }

        long[] size = [volume.shape[1], volume.shape[2], volume.shape[3]];
        long[] extent = [Math.Min(patch.X, size[0]), Math.Min(patch.Y, size[1]), Math.Min(patch.Z, size[2])];
        var start = new long[3];
        for (var d = 0; d < 3; d++)
        {
            start[d] = random.NextInt64(size[d] - extent[d] + 1);
        }

        TensorIndex Range(int d) => TensorIndex.Slice(start[d], start[d] + extent[d]);
        return (volume[.., Range(0), Range(1), Range(2)], target[.., Range(0), Range(1), Range(2)]);
    }

    private sealed class DenseCase(string id, Tensor volume, Tensor target, LabelVolume labels) : PreparedCase(id)
    {
        public Tensor Volume { get; } = volume;

        public Tensor Target { get; } = target;

        public LabelVolume Labels { get; } = labels;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Volume.Dispose();
                Target.Dispose();
            }
        }
    }
}
