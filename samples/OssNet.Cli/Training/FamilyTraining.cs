// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Planning;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Cli.Training;

/// <summary>What <c>ossnet train</c> needs of a model family: the model sized to the plan's grid and classes, the training task
/// that feeds it, and the description its model file will carry.</summary>
internal sealed class FamilyTraining : IDisposable
{
    private FamilyTraining(TrainingTask task, ModelDescription description)
    {
        Task = task;
        Description = description;
    }

    /// <summary>Gets the training task; it owns the model.</summary>
    public TrainingTask Task { get; }

    /// <summary>Gets the model file's description (without the training summary).</summary>
    public ModelDescription Description { get; }

    /// <summary>Builds the model a family needs for <paramref name="plan"/> and its training task.</summary>
    public static FamilyTraining Create(FamilyChoice choice, DatasetPlan plan, torch.Device device)
    {
        var labels = plan.Labels ?? LabelSet.Binary();
        var preprocessing = plan.CreatePipeline();
        if (choice.Family.IsOccupancy())
        {
            var architecture = choice.Preset is { } preset
                ? OssNetPresets.FromName(preset)
                : OssNetOptions.ForGrid(plan.GridShape, plan.ChannelCount, labels.Count,
                    choice.Family == ModelFamily.ONet ? OssNetVariant.ONet : choice.Variant, choice.DecoderWidth);
            architecture.InputChannels = plan.ChannelCount;
            architecture.Classes = labels.Count;
            architecture.Seed = choice.Seed;
            var model = OssNetModel.Create(architecture);
            model.to(device);
            var task = new OccupancyTrainingTask(model, new OccupancyTrainingOptions
            {
                Preprocessing = preprocessing,
                Labels = labels,
                PointsPerVolume = choice.PointsPerVolume,
                BorderShare = choice.BorderShare,
                ValidationPointsPerVolume = choice.ValidationPointsPerVolume,
                MaxShiftVoxels = choice.MaxShiftVoxels ?? Math.Min(plan.GridShape.X, Math.Min(plan.GridShape.Y, plan.GridShape.Z)) / 8,
            }, device);
            return new FamilyTraining(task, new ModelDescription
            {
                Family = choice.Family,
                OssNet = architecture.Clone(),
                Labels = labels,
                Grid = plan.GridShape,
                Plan = plan,
            });
        }

        var kind = choice.Family == ModelFamily.UNet3D ? UNetKind.Volumetric3D : UNetKind.SliceWise2D;
        var unet = UNetOptions.ForGrid(plan.GridShape, plan.ChannelCount, labels.Count, kind);
        unet.Seed = choice.Seed;
        var network = ResidualUNet.Create(unet);
        network.to(device);
        var dense = new DenseInferenceSettings(Downscale: 1, Window: null, SliceAxis: VolumeAxis.Z);
        var denseTask = new DenseTrainingTask(network, new DenseTrainingOptions
        {
            Preprocessing = preprocessing,
            Labels = labels,
            Downscale = dense.Downscale,
            SliceAxis = dense.SliceAxis,
        }, device);
        return new FamilyTraining(denseTask, new ModelDescription
        {
            Family = choice.Family,
            UNet = unet.Clone(),
            Dense = dense,
            Labels = labels,
            Grid = plan.GridShape,
            Plan = plan,
        });
    }

    /// <inheritdoc />
    public void Dispose() => Task.Dispose();
}

/// <summary>The model choices of <c>ossnet train</c>.</summary>
/// <param name="Family">The model family.</param>
/// <param name="Variant">The OSS-Net variant (A–D).</param>
/// <param name="Preset">A reference preset (its grid fixes the plan's), or null for a model sized to the plan.</param>
/// <param name="DecoderWidth">The occupancy decoder's block width.</param>
/// <param name="Seed">Seeds the initial weights.</param>
/// <param name="PointsPerVolume">Points sampled per volume and step (occupancy models).</param>
/// <param name="BorderShare">Share of points drawn near class borders.</param>
/// <param name="ValidationPointsPerVolume">Points scored per validation case (occupancy models).</param>
/// <param name="MaxShiftVoxels">The translation augmentation's largest shift (occupancy models); null: 1/8 of the grid's smallest extent.</param>
internal sealed record FamilyChoice(
    ModelFamily Family,
    OssNetVariant Variant,
    string? Preset,
    int DecoderWidth,
    int Seed,
    int PointsPerVolume,
    double BorderShare,
    int ValidationPointsPerVolume,
    int? MaxShiftVoxels);
