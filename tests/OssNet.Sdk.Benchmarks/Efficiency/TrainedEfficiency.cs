// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Benchmarks.Common;
using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.Benchmarks.Efficiency;

/// <summary>
/// A small OSS-Net C trained briefly on phantoms, then both procedures on held-out phantoms, as
/// <c>OssNetSegmenter</c> runs them (encoder once, patch views of the full-resolution volume, 2^14 points per call),
/// on the padded grid so the per-stage counts are visible.
/// </summary>
/// <remarks>The model is the BraTS C preset (skip encoder, low-resolution head 8×8×5, L = 320, 7³ patches) scaled down:
/// encoder channels 4-8-16-32 instead of 16-32-64-128 and decoder width 64 instead of 512, so a few minutes of CPU
/// training get it somewhere.</remarks>
internal sealed class TrainedEfficiency
{
    private readonly int _trainingCases;
    private readonly int _epochs;
    private readonly int _points;

    public TrainedEfficiency(int trainingCases, int epochs, int points)
    {
        _trainingCases = trainingCases;
        _epochs = epochs;
        _points = points;
    }

    public static OssNetOptions ModelOptions()
    {
        var options = OssNetPresets.BraTs2020C;
        options.Name = "oss_net_full_bra_ts_small";
        options.EncoderChannels = [4, 8, 16, 32];
        options.DecoderWidths = [64, 64, 64, 64, 64];
        options.Seed = 7;
        return options;
    }

    /// <summary>Trains the model on phantoms like <paramref name="phantoms"/> (another seed); the caller owns the model.</summary>
    public async Task<(OssNetModel Model, TrainingRecord Record)> TrainAsync(
        SyntheticPhantomOptionsFactory phantoms, IVolumeTransform preprocessing, CancellationToken cancellationToken)
    {
        var options = ModelOptions();
        var model = OssNetModel.Create(options);
        var parameters = model.TrainableParameterCount;
        var trainingOptions = new OccupancyTrainingOptions
        {
            Preprocessing = preprocessing,
            PointsPerVolume = _points,
            BorderShare = 0.5,
            Augment = false,
        };
        var task = new OccupancyTrainingTask(model, trainingOptions);
        const int batchSize = 2;
        var trainer = new SegmentationTrainer(task, new TrainerOptions
        {
            Epochs = _epochs,
            BatchSize = batchSize,
            Optimizer = OptimizerKind.Adam,
            LearningRate = 3e-3,
            LearningRateMilestones = [Math.Max(1, _epochs * 2 / 3)],
            ValidateEveryEpochs = 0,
            CachePreparedCases = true,
            Seed = 5,
        });
        var source = new Synthetic.SyntheticPhantomSource(phantoms.Create(seed: 11), _trainingCases);
        var clock = new ResourceClock();
        var lastEpochReported = 0;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            if (p.Step == p.StepsPerEpoch && p.Epoch > lastEpochReported)
            {
                lastEpochReported = p.Epoch;
                Console.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"  training: epoch {p.Epoch}/{p.Epochs}, loss {p.Loss:F4}, {clock.WallSeconds:F0} s"));
            }
        });
        var summary = await trainer.TrainAsync(source, null, progress, cancellationToken);

        // The task owns the model and would dispose it; hand the trained weights to a fresh model the caller owns.
        var trained = OssNetModel.Create(options);
        using (torch.no_grad())
        {
            foreach (var (name, tensor) in model.state_dict())
            {
                trained.state_dict()[name].copy_(tensor);
            }
        }

        task.Dispose();
        var steps = summary.EpochsCompleted * (_trainingCases / batchSize);
        var record = new TrainingRecord(
            options.Name,
            "BraTS C preset with encoder channels 4-8-16-32 and decoder width 64 (skip encoder, head 8×8×5, L = 320, 7³ patches)",
            parameters,
            _trainingCases,
            summary.EpochsCompleted,
            steps,
            _points,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Adam lr 3e-3 (×0.1 after epoch {Math.Max(1, _epochs * 2 / 3)}), batch {batchSize}, {_points} points per volume (half from the border band), no augmentation, aux loss 0.1"),
            clock.WallSeconds,
            summary.History[0].MeanLoss,
            summary.FinalLoss);
        return (trained, record);
    }

    /// <summary>Runs both procedures with <paramref name="model"/> on one preprocessed case.</summary>
    public static CaseComparison Compare(OssNetModel model, string caseId, Volume image, LabelVolume binaryLabel)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var label = binaryLabel.ToTensor();
        var volume = image.ToTensor();
        var grid = (label.shape[0], label.shape[1], label.shape[2]);

        (Func<Tensor, Tensor>, Tensor?) Prepare(bool usePrior)
        {
            // As OssNetSegmenter: one encoder pass on the 2×2×2 average, patch views of the full-resolution volume.
            var encoded = model.Encode(nn.functional.avg_pool3d(volume.unsqueeze(0), [2, 2, 2]));
            var extractor = new PatchExtractor(volume, model.UsesSmallPatches, model.UsesLargePatches);
            var prior = usePrior ? EncoderPrior.ToFirstStageMask(encoded.LowResolutionLogits!.sigmoid(), ProcedureRunner.Lattice(grid)) : null;
            Tensor Query(Tensor points)
            {
                var patches = extractor.Gather(points).unsqueeze(0);
                return model.Decode(points.to(ScalarType.Float32).unsqueeze(0), patches, encoded).sigmoid().reshape(-1);
            }

            return (Query, prior);
        }

        return ProcedureRunner.Compare(caseId, label, () => Prepare(false), () => Prepare(true));
    }

    /// <summary>Reports progress on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>Creates phantom options of one shape with a given seed.</summary>
internal sealed class SyntheticPhantomOptionsFactory(VolumeShape shape)
{
    public VolumeShape Shape => shape;

    public Synthetic.SyntheticPhantomOptions Create(int seed) => new() { Kind = Synthetic.PhantomKind.BrainTumour, Seed = seed, Shape = shape };
}
