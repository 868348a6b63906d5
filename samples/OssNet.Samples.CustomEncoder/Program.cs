// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

// Custom encoder: OSS-Net with its encoder replaced by CompactEncoder (an EncoderModule), trained on synthetic phantoms.
// The decoder, patches, training task, trainer and segmenter are the SDK's own; only the factory changes.
using System.Globalization;
using OssNet.Samples.CustomEncoder;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

var smoke = args.Contains("--smoke");
if (args.Any(a => a != "--smoke"))
{
    Console.Error.WriteLine("customencoder: unknown argument; usage: CustomEncoder [--smoke]");
    return 1;
}

TorchBackend.EnsureLoaded();
var options = OssNetPresets.Tiny;   // skip-encoder layout: K = 6 latents of L = 32, with the low-resolution head
options.InputChannels = 4;
options.Seed = 5;
var preprocessing = new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(options.FullResolutionShape));

// The factory receives what the rest of the model expects; the model owns (and disposes) what it returns.
var model = OssNetModel.Create(options, encoderFactory: context => new CompactEncoder(context, width: 16));
Console.WriteLine($"OSS-Net '{options.Name}' with {model.Encoder.GetType().Name}: {model.TrainableParameterCount:N0} parameters, " +
    $"{model.LatentCount} latents of {model.LatentFeatures}, low-resolution head: {model.HasLowResolutionHead}");

SyntheticPhantomOptions Phantoms(int seed) => new() { Kind = PhantomKind.BrainTumour, Seed = seed, Shape = new VolumeShape(60, 60, 30) };
var training = new SyntheticPhantomSource(Phantoms(seed: 21), smoke ? 2 : 6);
var heldOut = new SyntheticPhantomSource(Phantoms(seed: 4242), 1);
var weightsPath = Path.Combine(Path.GetTempPath(), $"ossnet-custom-encoder-{Environment.ProcessId}.dat");
try
{
    using (var task = new OccupancyTrainingTask(model, new OccupancyTrainingOptions
    {
        Preprocessing = preprocessing,
        PointsPerVolume = smoke ? 256 : 1024,
        BorderShare = 0.5,
        ValidationPointsPerVolume = 4096,
    }))
    {
        var trainer = new SegmentationTrainer(task, new TrainerOptions
        {
            Epochs = smoke ? 1 : 8, BatchSize = 2, Optimizer = OptimizerKind.Adam, LearningRate = 5e-3, LearningRateMilestones = [6],
            ValidateEveryEpochs = 0, CachePreparedCases = true, Seed = 9,
        });
        var summary = await trainer.TrainAsync(training, heldOut);
        foreach (var epoch in summary.History)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch}: loss {epoch.MeanLoss:F3} ({epoch.Elapsed.TotalSeconds:F1} s)"));
        }

        model.SaveWeights(weightsPath); // the encoder's state-dict keys are "encoder." + its field names
    }

    // A fresh model needs the same factory to load the weights; the segmenter then owns it.
    var fresh = OssNetModel.Create(options, encoderFactory: context => new CompactEncoder(context, width: 16));
    fresh.LoadWeights(weightsPath);
    using var segmenter = new OssNetSegmenter(fresh, new OssNetSegmenterOptions { Preprocessing = preprocessing });
    var testCase = await heldOut.LoadAsync(heldOut.CaseIds[0]);
    var result = await segmenter.SegmentAsync(testCase);
    var metrics = SegmentationMetrics.Compute(result.Mask, testCase.Label!.ToBinary(), includeSurfaceDistances: false);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Held-out {testCase.Id}: Dice {metrics.Dice:F3}, IoU {metrics.IntersectionOverUnion:F3}, queried {result.Statistics.QueriedFraction:P1} of the grid"));
}
finally
{
    File.Delete(weightsPath);
}

return 0;
