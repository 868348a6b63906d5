// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Benchmarks.Common;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>
/// What a <c>scaling-child</c> process measures: one training step or segmenting one volume, for one model and grid.
/// Everything runs through the SDK's public entry points, as an application would call them.
/// </summary>
/// <remarks>
/// <para><b>Training step</b> (batch 1, Lookahead(RAdam) lr 3e-4 as the reference, no augmentation): occupancy models run
/// <see cref="OccupancyTrainingTask.ComputeLoss"/> — 2^14 uniformly sampled points with their patches gathered from the
/// full-resolution volume, the encoder input its 2×2×2 average (half resolution), BCE (+ 0.1 × the head's BCE for C/D) —
/// then backward and the optimiser step. The 3D U-Net does the same on the whole volume; the 2D U-Net on a batch of
/// <see cref="ScalingConfig.Slices"/> consecutive X×Y slices from the middle of the volume (along Z).</para>
/// <para><b>Inference</b>: occupancy models run <see cref="OssNetSegmenter"/> (stages 4-2-1, 2^14 points per forward, no
/// encoder prior) with random weights whose output layer is zeroed, so every point is background and exactly the stride-4
/// lattice is queried — a fixed, resolution-proportional workload; the inference-efficiency benchmark counts points with an
/// oracle and a trained model. The 3D U-Net
/// predicts the whole volume in one forward pass and the 2D U-Net runs <see cref="ResidualUNet2D.PredictVolume"/> over all
/// Z slices, <see cref="ScalingConfig.Slices"/> per pass; both under <c>inference_mode</c>, thresholded to a mask.</para>
/// </remarks>
internal static class ScalingWorkloads
{
    private const double LearningRate = 3e-4;

    public static ScalingMeasurement Run(ScalingConfig config)
    {
        var setup = new ResourceClock();
        var volumeCase = ScalingData.Create(config.Grid, config.Seed);
        return (ScalingModel.IsOccupancy(config.Model), config.Mode) switch
        {
            (true, ScalingMode.Train) => OccupancyTrainingStep(config, volumeCase, setup),
            (true, _) => OccupancyInference(config, volumeCase, setup),
            (false, ScalingMode.Train) => UNetTrainingStep(config, volumeCase, setup),
            _ => UNetInference(config, volumeCase, setup),
        };
    }

    private static ScalingMeasurement OccupancyTrainingStep(ScalingConfig config, VolumeCase volumeCase, ResourceClock setup)
    {
        var options = ScalingPresets.Occupancy(config.Model, config.Grid, config.Tiny);
        var model = OssNetModel.Create(options);
        var parameters = model.TrainableParameterCount;
        using var task = new OccupancyTrainingTask(model, new OccupancyTrainingOptions
        {
            Preprocessing = new PadOrCropToShape(config.Grid),
            PointsPerVolume = config.Points,
            Augment = false,
        });
        using var prepared = task.Prepare(volumeCase);
        model.train();
        using var optimizer = OptimizerBundle.Create(OptimizerKind.LookaheadRAdam, model.parameters(), LearningRate);
        var (baseline, setupSeconds) = (ProcessMemory.CurrentResidentBytes(), setup.WallSeconds);

        var clock = new ResourceClock();
        using (var scope = torch.NewDisposeScope())
        {
            optimizer.ZeroGrad();
            var context = new StepContext(1, 1, new Random(config.Seed), new torch.Generator((ulong)config.Seed));
            var loss = task.ComputeLoss([prepared], context);
            loss.backward();
            optimizer.Step();
            _ = loss.item<float>();
        }

        return Measured(config, clock, baseline, setupSeconds, parameters, config.Points, string.Create(
            CultureInfo.InvariantCulture,
            $"OccupancyTrainingTask step: batch 1, {config.Points} uniform points + {(options.UseLargePatches ? "7³ and pooled 14³" : options.UseSmallPatches ? "7³" : "no")} patches, encoder input {GridSize.Display(options.EncoderInputShape)}, L = {options.LatentFeatures}, Lookahead(RAdam)"));
    }

    private static ScalingMeasurement OccupancyInference(ScalingConfig config, VolumeCase volumeCase, ResourceClock setup)
    {
        var options = ScalingPresets.Occupancy(config.Model, config.Grid, config.Tiny);
        var model = OssNetModel.Create(options);
        var parameters = model.TrainableParameterCount;

        // Random weights give an arbitrary number of positives, and with it an arbitrary number of refinement queries (a seed
        // that happens to call everything foreground queries the whole grid). Zeroing the output layer makes every point
        // background (p = 0.5, not > 0.5), so the procedure runs exactly its first stage: the stride-4 lattice, the floor of
        // any standard inference; all the compute per point (encoder, patches, decoder) is unchanged.
        using (torch.no_grad())
        {
            model.state_dict()["decoder.final_mapping.0.weight"].zero_();
        }

        using var segmenter = new OssNetSegmenter(model, new OssNetSegmenterOptions
        {
            Preprocessing = new PadOrCropToShape(config.Grid),
            UseEncoderPrior = false,
        });
        var (baseline, setupSeconds) = (ProcessMemory.CurrentResidentBytes(), setup.WallSeconds);

        var clock = new ResourceClock();
        var result = segmenter.Segment(volumeCase, new SegmentationRequest());
        return Measured(config, clock, baseline, setupSeconds, parameters, result.Statistics.PointsQueried, string.Create(
            CultureInfo.InvariantCulture,
            $"OssNetSegmenter, random weights with a zeroed output layer (all background): stage 1 only, the stride-4 lattice; encoder prior off; 16384 points per forward"));
    }

    private static ScalingMeasurement UNetTrainingStep(ScalingConfig config, VolumeCase volumeCase, ResourceClock setup)
    {
        var options = ScalingPresets.UNet(config.Model, config.Tiny);
        using var model = ResidualUNet.Create(options);
        var parameters = model.TrainableParameterCount;
        var grid = config.Grid;
        using var image = volumeCase.Image.ToTensor().unsqueeze(0);
        using var labels = volumeCase.Label!.ToTensor().to(ScalarType.Float32).unsqueeze(0).unsqueeze(0);
        Tensor input, target;
        string workload;
        if (options.SpatialDimensions == 3)
        {
            input = image.alias();
            target = labels.alias();
            workload = $"whole volume 1×4×{GridSize.Display(grid)}";
        }
        else
        {
            var slices = Math.Min(config.Slices, grid.Z);
            var first = (grid.Z - slices) / 2;
            using var imageSlab = image.narrow(4, first, slices);
            using var labelSlab = labels.narrow(4, first, slices);
            input = ResidualUNet2D.ToSlices(imageSlab, VolumeAxis.Z).contiguous();
            target = ResidualUNet2D.ToSlices(labelSlab, VolumeAxis.Z).contiguous();
            workload = string.Create(CultureInfo.InvariantCulture, $"{slices} consecutive Z slices, batch {slices}×4×{grid.X}×{grid.Y}");
        }

        using (input)
        using (target)
        {
            model.train();
            using var optimizer = OptimizerBundle.Create(OptimizerKind.LookaheadRAdam, model.parameters(), LearningRate);
            var (baseline, setupSeconds) = (ProcessMemory.CurrentResidentBytes(), setup.WallSeconds);
            var clock = new ResourceClock();
            using (var scope = torch.NewDisposeScope())
            {
                optimizer.ZeroGrad();
                var logits = model.call(input);
                var loss = nn.functional.binary_cross_entropy_with_logits(logits, target);
                loss.backward();
                optimizer.Step();
                _ = loss.item<float>();
            }

            return Measured(config, clock, baseline, setupSeconds, parameters, null, $"training step (BCE, Lookahead(RAdam)): {workload}");
        }
    }

    private static ScalingMeasurement UNetInference(ScalingConfig config, VolumeCase volumeCase, ResourceClock setup)
    {
        var options = ScalingPresets.UNet(config.Model, config.Tiny);
        using var model = ResidualUNet.Create(options);
        var parameters = model.TrainableParameterCount;
        model.eval();
        using var image = volumeCase.Image.ToTensor().unsqueeze(0);
        var (baseline, setupSeconds) = (ProcessMemory.CurrentResidentBytes(), setup.WallSeconds);

        var clock = new ResourceClock();
        LabelVolume mask;
        using (var inference = torch.inference_mode())
        using (var scope = torch.NewDisposeScope())
        {
            var logits = model is ResidualUNet2D slicewise
                ? slicewise.PredictVolume(image, VolumeAxis.Z, config.Slices)
                : model.call(image);
            mask = logits[0, 0].gt(0).ToLabelVolume(volumeCase.Image.Geometry);
        }

        GC.KeepAlive(mask);
        var workload = options.SpatialDimensions == 3
            ? $"one forward pass over 1×4×{GridSize.Display(config.Grid)}, inference_mode"
            : string.Create(CultureInfo.InvariantCulture, $"PredictVolume over {config.Grid.Z} Z slices, {config.Slices} per pass, inference_mode");
        return Measured(config, clock, baseline, setupSeconds, parameters, null, workload);
    }

    private static ScalingMeasurement Measured(
        ScalingConfig config, ResourceClock clock, long baseline, double setupSeconds, long parameters, long? points, string workload) => new()
        {
            Model = config.Model,
            Size = GridSize.Format(config.Grid),
            Mode = config.Mode,
            Status = ScalingMeasurement.Ok,
            Preset = config.Tiny ? "tiny" : "paper",
            Voxels = config.Grid.VoxelCount,
            WallSeconds = clock.WallSeconds,
            CpuSeconds = clock.CpuSeconds,
            PeakRssBytes = ProcessMemory.PeakResidentBytes(),
            PeakAddressSpaceBytes = AddressSpace.PeakBytes(),
            BaselineRssBytes = baseline,
            SetupSeconds = setupSeconds,
            TrainableParameters = parameters,
            Points = points,
            Threads = torch.get_num_threads(),
            Workload = workload,
        };
}
