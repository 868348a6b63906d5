// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

/// <summary>
/// One test per option of <see cref="OccupancyTrainingOptions"/> and <see cref="DenseTrainingOptions"/>: the same step, with
/// the same seeds, computes a different loss (or queries a different number of points) when only that option differs, so each
/// test fails when the option is accepted but ignored (docs/reference/option-audit.md).
/// </summary>
public sealed class TrainingOptionEffectTests
{
    private static readonly VolumeShape s_grid = SmallOssNet.Grid;

    private static IVolumeTransform ZScore => new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(s_grid));

    private static IVolumeTransform PadOnly => new PadOrCropToShape(s_grid);

    [Fact]
    public void Occupancy_Preprocessing_ChangesTheLoss() =>
        Assert.NotEqual(OccupancyLoss(o => o.Preprocessing = ZScore), OccupancyLoss(o => o.Preprocessing = PadOnly));

    [Fact]
    public void Occupancy_PointsPerVolume_ChangesThePointsDecoded() =>
        Assert.Equal([512, 2048], new[] { 512, 2048 }.Select(n => OccupancyTrainingPoints(o => o.PointsPerVolume = n)));

    [Fact]
    public void Occupancy_BorderShare_ChangesTheLoss() =>
        Assert.NotEqual(OccupancyLoss(o => o.BorderShare = 0), OccupancyLoss(o => o.BorderShare = 0.9));

    [Fact]
    public void Occupancy_AuxiliaryLossWeight_ChangesTheLoss() =>
        Assert.NotEqual(OccupancyLoss(o => o.AuxiliaryLossWeight = 0), OccupancyLoss(o => o.AuxiliaryLossWeight = 1));

    [Fact]
    public void Occupancy_Augment_ChangesTheLoss() =>
        Assert.NotEqual(OccupancyLoss(o => o.Augment = true), OccupancyLoss(o => o.Augment = false));

    [Fact]
    public void Occupancy_MaxShiftVoxels_ChangesTheLoss() =>
        Assert.NotEqual(OccupancyLoss(o => o.MaxShiftVoxels = 6), OccupancyLoss(o => o.MaxShiftVoxels = 0));

    [Fact]
    public void Occupancy_MaxShiftVoxels_Negative_IsRejected() =>
        Assert.Equal("MaxShiftVoxels", Assert.Throws<ArgumentException>(() => OccupancyTask(o => o.MaxShiftVoxels = -1)).ParamName);

    [Fact]
    public void Occupancy_ValidationPointsPerVolume_IsTheNumberOfPointsScored() =>
        Assert.Equal(1500, ValidationDecoderCalls(o => o.ValidationPointsPerVolume = 1500).Sum());

    [Fact]
    public void Occupancy_MaxPointsPerForward_BoundsEachValidationCall() =>
        Assert.Equal([600, 600, 300], ValidationDecoderCalls(o => { o.ValidationPointsPerVolume = 1500; o.MaxPointsPerForward = 600; }));

    [Fact]
    public void Dense_Preprocessing_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(3, o => o.Preprocessing = ZScore), DenseStepLoss(3, o => o.Preprocessing = PadOnly));

    [Fact]
    public void Dense_Downscale_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(3, o => o.Downscale = 1), DenseStepLoss(3, o => o.Downscale = 2));

    [Fact]
    public void Dense_PatchShape_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(3, o => o.PatchShape = null), DenseStepLoss(3, o => o.PatchShape = (16, 16, 8)));

    [Fact]
    public void Dense_SlicesPerVolume_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(2, o => o.SlicesPerVolume = null), DenseStepLoss(2, o => o.SlicesPerVolume = 3));

    [Fact]
    public void Dense_SliceAxis_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(2, o => o.SliceAxis = VolumeAxis.Z), DenseStepLoss(2, o => o.SliceAxis = VolumeAxis.X));

    [Fact]
    public void Dense_Loss_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(3, o => o.Loss = DenseLoss.BinaryCrossEntropy), DenseStepLoss(3, o => o.Loss = DenseLoss.Dice));

    [Fact]
    public void Dense_Augment_ChangesTheLoss() =>
        Assert.NotEqual(DenseStepLoss(3, o => o.Augment = true), DenseStepLoss(3, o => o.Augment = false));

    private static OccupancyTrainingTask OccupancyTask(Action<OccupancyTrainingOptions> configure)
    {
        var options = new OccupancyTrainingOptions { Preprocessing = ZScore, PointsPerVolume = 512, ValidationPointsPerVolume = 1024 };
        configure(options);
        return new OccupancyTrainingTask(OssNetModel.Create(SmallOssNet.Options()), options);
    }

    private static float OccupancyLoss(Action<OccupancyTrainingOptions> configure)
    {
        using var task = OccupancyTask(configure);
        return LossOf(task);
    }

    private static long OccupancyTrainingPoints(Action<OccupancyTrainingOptions> configure)
    {
        using var task = OccupancyTask(configure);
        var model = (OssNetModel)task.Model;
        long points = 0;
        var hook = model.Decoder.register_forward_pre_hook((_, coordinates, _, _) =>
        {
            points += coordinates.shape[1];
            return null;
        });
        LossOf(task);
        hook.remove();
        return points;
    }

    private static List<long> ValidationDecoderCalls(Action<OccupancyTrainingOptions> configure)
    {
        using var task = OccupancyTask(configure);
        var model = (OssNetModel)task.Model;
        var calls = new List<long>();
        var hook = model.Decoder.register_forward_pre_hook((_, coordinates, _, _) =>
        {
            calls.Add(coordinates.shape[1]);
            return null;
        });
        using var prepared = task.Prepare(SmallOssNet.Cube());
        using var generator = new Generator(1);
        model.eval();
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            task.Evaluate(prepared, new StepContext(1, -1, new Random(1), generator));
        }

        hook.remove();
        return calls;
    }

    private static float DenseStepLoss(int dimensions, Action<DenseTrainingOptions> configure)
    {
        var unet = dimensions == 3 ? UNetPresets.Tiny3D : UNetPresets.Tiny2D;
        unet.Seed = 5;
        var options = new DenseTrainingOptions { Preprocessing = ZScore, SlicesPerVolume = 4 };
        configure(options);
        using var task = new DenseTrainingTask(ResidualUNet.Create(unet), options);
        return LossOf(task);
    }

    /// <summary>The loss of one step on the cube with fixed step randomness.</summary>
    private static float LossOf(TrainingTask task)
    {
        using var prepared = task.Prepare(SmallOssNet.Cube());
        using var generator = new Generator(11);
        using var scope = torch.NewDisposeScope();
        return task.ComputeLoss([prepared], new StepContext(1, 1, new Random(5), generator)).item<float>();
    }
}
