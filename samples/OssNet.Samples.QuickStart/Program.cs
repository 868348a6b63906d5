// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

// Quick start: train a tiny OSS-Net on synthetic brain-tumour phantoms, segment a held-out case, score it,
// and write the mask as NIfTI plus a PNG montage. About a minute on two CPU cores (held-out Dice ≈ 0.8); `--smoke` takes seconds.
using System.Diagnostics;
using System.Globalization;
using OssNet.Samples.QuickStart;
using OssNet.Sdk.IO;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using Spectre.Console;

QuickStartSettings settings;
try
{
    settings = QuickStartSettings.Parse(args);
    TorchBackend.EnsureLoaded();
}
catch (Exception e) when (e is ArgumentException or TorchBackendUnavailableException)
{
    Console.Error.WriteLine($"quickstart: {e.Message}");
    return 1;
}

if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 160; // tables unwrapped in logs and pipes
}

var clock = Stopwatch.StartNew();
Directory.CreateDirectory(settings.OutputDirectory);
AnsiConsole.MarkupLine($"[bold]OssNet.Sdk quick start[/]{(settings.Smoke ? " (smoke budget)" : "")}: output in {Markup.Escape(settings.OutputDirectory)}");

// 1. The model: OSS-Net's tiny preset (shaped like OSS-Net C) for the phantoms' 4 MRI channels, predicting on 64×64×32.
var architecture = OssNetPresets.Tiny;
architecture.InputChannels = 4;
architecture.Seed = 1;

// 2. The data: BraTS-like phantoms (FLAIR, T1, T1ce, T2; labels 1/2/4) of 60×60×30, z-scored and zero-padded to the model's grid.
var preprocessing = new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(architecture.FullResolutionShape));
SyntheticPhantomOptions Phantoms(int seed) => new() { Kind = PhantomKind.BrainTumour, Seed = seed, Shape = new VolumeShape(60, 60, 30) };
var training = new SyntheticPhantomSource(Phantoms(seed: 11), settings.TrainingCases);
var heldOut = new SyntheticPhantomSource(Phantoms(seed: 12345), 1);

// 3. Training: Adam at 2e-3 (÷10 for the last sixth) on 2048 points per volume (border-focused), batches of 2, validation on the held-out case.
var weightsPath = Path.Combine(settings.OutputDirectory, "ossnet-tiny.dat");
TrainingSummary summary;
var trainedModel = OssNetModel.Create(architecture);
using (var task = new OccupancyTrainingTask(trainedModel, new OccupancyTrainingOptions
{
    Preprocessing = preprocessing,
    PointsPerVolume = settings.PointsPerVolume,
    BorderShare = 0.5,
    ValidationPointsPerVolume = settings.Smoke ? 2048 : 8192,
}))
{
    var trainer = new SegmentationTrainer(task, new TrainerOptions
    {
        Epochs = settings.Epochs,
        BatchSize = 2,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 2e-3,
        LearningRateMilestones = [Math.Max(1, settings.Epochs * 5 / 6)],
        ValidateEveryEpochs = 4,
        CachePreparedCases = true,
        Seed = 3,
    });
    summary = await AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
        .StartAsync(async context =>
        {
            var bar = context.AddTask("training", maxValue: 1.0);
            var progress = new SynchronousProgress<TrainingProgress>(p =>
            {
                bar.Value = p.Fraction;
                bar.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs}, loss {p.Loss:F3}");
            });
            var result = await trainer.TrainAsync(training, heldOut, progress);
            bar.Value = 1.0;
            return result;
        });
    trainedModel.SaveWeights(weightsPath); // the task owns the model and disposes it at the end of this block
}

var epochs = new Table().AddColumns("epoch", "mean loss", "point Dice (held-out)", "seconds");
foreach (var epoch in summary.History)
{
    epochs.AddRow(
        epoch.Epoch.ToString(CultureInfo.InvariantCulture),
        epoch.MeanLoss.ToString("F3", CultureInfo.InvariantCulture),
        epoch.ValidationDice?.ToString("F3", CultureInfo.InvariantCulture) ?? "",
        epoch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
}

AnsiConsole.Write(epochs);
Console.WriteLine($"Trained {summary.EpochsCompleted} epoch(s) on {training.Count} phantoms; weights: {weightsPath}");

// 4. Inference as an application would do it: a fresh model, the saved weights, a segmenter that owns the model.
var model = OssNetModel.Create(architecture);
model.LoadWeights(weightsPath);
using var segmenter = new OssNetSegmenter(model, new OssNetSegmenterOptions { Preprocessing = preprocessing });
var testCase = await heldOut.LoadAsync(heldOut.CaseIds[0]);
var result = await segmenter.SegmentAsync(testCase);
var reference = testCase.Label!.ToBinary();
var metrics = SegmentationMetrics.Compute(result.Mask, reference);

var scores = new Table().AddColumns("case", "Dice", "IoU", "HD95 (mm)", "queried", "seconds");
scores.AddRow(
    testCase.Id,
    metrics.Dice.ToString("F3", CultureInfo.InvariantCulture),
    metrics.IntersectionOverUnion.ToString("F3", CultureInfo.InvariantCulture),
    metrics.HausdorffDistance95?.ToString("F1", CultureInfo.InvariantCulture) ?? "",
    result.Statistics.QueriedFraction.ToString("P1", CultureInfo.InvariantCulture),
    result.Statistics.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture));
AnsiConsole.Write(scores);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Held-out {testCase.Id}: Dice {metrics.Dice:F3}, IoU {metrics.IntersectionOverUnion:F3}, HD95 {metrics.HausdorffDistance95:F1} mm"));

// 5. Outputs: the mask and the image as NIfTI (open them in any viewer), and a PNG montage of FLAIR with the mask.
var maskPath = Path.Combine(settings.OutputDirectory, $"{testCase.Id}_mask.nii.gz");
// images/ with labels/ below it is a folder of volumes the hosted-segmentation sample and `ossnet segment` read.
var imagePath = Path.Combine(settings.OutputDirectory, "images", $"{testCase.Id}.nii.gz");
var labelPath = Path.Combine(settings.OutputDirectory, "images", "labels", $"{testCase.Id}.nii.gz");
Directory.CreateDirectory(Path.GetDirectoryName(labelPath)!);
var pngPath = Path.Combine(settings.OutputDirectory, $"{testCase.Id}_montage.png");
await VolumeFile.WriteAsync(maskPath, result.Mask);
await VolumeFile.WriteAsync(imagePath, testCase.Image);
await VolumeFile.WriteAsync(labelPath, testCase.Label!);
var slices = SliceMontage.WritePng(pngPath, testCase.Image, channel: 0, result.Mask, reference);
Console.WriteLine($"Wrote mask: {maskPath}");
Console.WriteLine($"Wrote image and label: {imagePath}, {labelPath}");
Console.WriteLine($"Wrote montage ({slices} FLAIR slices, prediction red, reference outline green): {pngPath}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done in {clock.Elapsed.TotalSeconds:F1} s."));
return 0;
