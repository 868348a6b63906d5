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
/// <remarks>
/// <para>Labels are mapped to class indices through <see cref="DenseTrainingOptions.Labels"/>. A binary model (2 classes, one
/// sigmoid output) is trained with <see cref="DenseTrainingOptions.Loss"/> as before; an N-class model (softmax) with its
/// multi-class form (soft Dice over the foreground classes, cross-entropy).</para>
/// <para>Validation predicts the whole working grid densely (3D: sliding windows; 2D: slice by slice) and scores Dice/IoU
/// with the same metric code as evaluation: binary models as before, N-class models by the mean over the foreground
/// classes (<see cref="SegmentationMetrics.ComputePerClass"/>), with the Dice of each class in <see cref="CaseScore.DicePerClass"/>.</para>
/// </remarks>
public sealed class DenseTrainingTask : TrainingTask
{
    private readonly ResidualUNet _model;
    private readonly DenseTrainingOptions _options;
    private readonly Device _device;
    private readonly LabelSet _classIndices;

    /// <summary>Initializes the task; it takes ownership of <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid, or the label set's classes differ from the model's.</exception>
    public DenseTrainingTask(ResidualUNet model, DenseTrainingOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(model);
        _classIndices = LabelSet.FromValues(Enumerable.Range(0, model.Classes));
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

        var label = _options.Labels.ToClassIndices(prepared.Label ?? throw new InvalidVolumeException(volumeCase.Id, "the case has no label."), volumeCase.Id);
        using var scope = torch.NewDisposeScope();
        var volume = prepared.Image.ToTensor();
        var binary = _model.Classes == 2;

        // [1, X, Y, Z]: 0/1 floats for a binary model, int64 class indices for an N-class one.
        var target = label.ToTensor().to(binary ? ScalarType.Float32 : ScalarType.Int64).unsqueeze(0);
        if (_options.Downscale == 2)
        {
            volume = nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]).squeeze(0);
            target = binary
                ? nn.functional.max_pool3d(target.unsqueeze(0), [2, 2, 2]).squeeze(0)
                : MajorityPool(target, _model.Classes);
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
        if (_model.Classes == 2)
        {
            return _options.Loss switch
            {
                DenseLoss.BinaryCrossEntropy => OccupancyLoss.BinaryCrossEntropy(logits, y),
                DenseLoss.Dice => DiceLoss.Soft(logits, y),
                _ => DiceLoss.WithBinaryCrossEntropy(logits, y),
            };
        }

        var classes = y.squeeze(1);
        return _options.Loss switch
        {
            DenseLoss.BinaryCrossEntropy => DiceLoss.CrossEntropy(logits, classes),
            DenseLoss.Dice => DiceLoss.SoftMultiClass(logits, classes),
            _ => DiceLoss.WithCrossEntropy(logits, classes),
        };
    }

    /// <inheritdoc />
    public override CaseScore Evaluate(PreparedCase preparedCase, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(preparedCase);
        var prepared = (DenseCase)preparedCase;
        var grid = prepared.Labels.Geometry;
        using var scope = torch.NewDisposeScope();
        var probabilities = PredictProbabilities(_model, prepared.Volume, _options, _device, CancellationToken.None);
        if (_options.Downscale == 2)
        {
            probabilities = Upsample(probabilities, grid.Shape);
        }

        var (classes, _) = Decide(probabilities, grid, threshold: 0.5);
        var metrics = SegmentationMetrics.ComputePerClass(classes, prepared.Labels, _classIndices, includeSurfaceDistances: false, prepared.Id);
        return new CaseScore(metrics.Mean.Dice, metrics.Mean.IntersectionOverUnion) { DicePerClass = [.. metrics.Classes.Select(c => c.Metrics.Dice)] };
    }

    /// <summary>Dense probabilities [K, X, Y, Z] (CPU) of a [C, X, Y, Z] volume on the model's working grid: K = 1
    /// (P(foreground), sigmoid) for a binary model, K = classes (softmax) otherwise.</summary>
    internal static Tensor PredictProbabilities(ResidualUNet model, Tensor volume, DenseTrainingOptions options, Device device, CancellationToken cancellationToken)
    {
        using var scope = torch.NewDisposeScope();
        Func<Tensor, Tensor> probabilitiesOf = model.Classes == 2 ? logits => logits.sigmoid() : logits => logits.softmax(1);
        Tensor probabilities;
        if (model is ResidualUNet2D model2D)
        {
            probabilities = probabilitiesOf(model2D.PredictVolume(volume.unsqueeze(0).to(device), options.SliceAxis))[0].cpu();
        }
        else
        {
            var inferer = new SlidingWindowInferer(new SlidingWindowInfererOptions { WindowShape = options.PatchShape });
            probabilities = inferer.Run(window => probabilitiesOf(model.call(window)), volume, (int)model.OutputChannels, device, cancellationToken);
        }

        return probabilities.MoveToOuterDisposeScope();
    }

    /// <summary>Trilinear up-sampling of [K, x, y, z] probabilities to <paramref name="shape"/> (for <see cref="DenseTrainingOptions.Downscale"/> 2).</summary>
    internal static Tensor Upsample(Tensor probabilities, VolumeShape shape)
    {
        using var scope = torch.NewDisposeScope();
        var upsampled = nn.functional.interpolate(probabilities.unsqueeze(0), size: [shape.X, shape.Y, shape.Z], mode: InterpolationMode.Trilinear, align_corners: false)[0];
        return upsampled.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Turns [K, X, Y, Z] probabilities into class indices and foreground probabilities: a voxel is foreground when
    /// P(foreground) = p (binary) or 1 − P(background) (N classes) exceeds <paramref name="threshold"/>, and then takes the
    /// most probable foreground class. At 0.5 with two classes this is the reference's <c>p &gt; 0.5</c>.
    /// </summary>
    internal static (LabelVolume ClassIndices, Volume Foreground) Decide(Tensor probabilities, VolumeGeometry grid, double threshold)
    {
        using var scope = torch.NewDisposeScope();
        Tensor foreground, classes;
        if (probabilities.shape[0] == 1)
        {
            foreground = probabilities[0];
            classes = foreground.gt(threshold).to(ScalarType.Byte);
        }
        else
        {
            foreground = 1 - probabilities[0];
            var best = probabilities[TensorIndex.Slice(1, null)].argmax(0).add(1);
            classes = torch.where(foreground.gt(threshold), best, torch.zeros_like(best)).to(ScalarType.Byte);
        }

        return (classes.ToLabelVolume(grid), foreground.ToVolume(grid));
    }

    /// <summary>Halves a [1, X, Y, Z] class-index map by majority over each 2×2×2 block (ties: the lower class).</summary>
    internal static Tensor MajorityPool(Tensor classIndices, int classes)
    {
        var oneHot = nn.functional.one_hot(classIndices[0], classes).permute(3, 0, 1, 2).to(ScalarType.Float32);
        return nn.functional.avg_pool3d(oneHot.unsqueeze(0), [2, 2, 2])[0].argmax(0).unsqueeze(0);
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
