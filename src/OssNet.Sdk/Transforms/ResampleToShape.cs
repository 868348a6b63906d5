// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Transforms.Steps;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Resamples to a fixed shape: image trilinearly with PyTorch's <c>F.interpolate(mode="trilinear", align_corners=False)</c>
/// semantics, labels with nearest neighbour (<see cref="Labels"/>).
/// </summary>
/// <remarks>
/// <para><b>Sampling:</b> output voxel i reads the input at <c>(i + 0.5)·(in/out) − 0.5</c> per axis, coordinates below 0
/// clamp to 0 and beyond the last voxel repeat it (PyTorch's border rule). The grid's outer voxel edges stay where they
/// were, so the field of view is unchanged.</para>
/// <para><b>Geometry:</b> the affine becomes <c>A · [diag(in/out) | (in/out − 1)/2]</c> and the spacing is multiplied by
/// <c>in/out</c>; voxel centres keep their world positions.</para>
/// <para><b>Inverse:</b> resamples back through the inverse map: probabilities trilinearly, labels with centre-aligned
/// nearest neighbour. A mask survives the round trip up to its boundary voxels.</para>
/// <para>Used by the LiTS preset (see docs/transforms.md: every CT resized to 512³, labels with nearest).</para>
/// </remarks>
public sealed class ResampleToShape : IVolumeTransform
{
    /// <summary>Initializes the transform.</summary>
    /// <param name="targetShape">The output shape.</param>
    /// <param name="labels">How labels are picked; default centre-aligned <see cref="LabelInterpolation.Nearest"/>.</param>
    public ResampleToShape(VolumeShape targetShape, LabelInterpolation labels = LabelInterpolation.Nearest)
    {
        targetShape.Validate();
        if (!Enum.IsDefined(labels))
        {
            throw new ArgumentOutOfRangeException(nameof(labels), labels, "Unknown label interpolation.");
        }

        TargetShape = targetShape;
        Labels = labels;
    }

    /// <summary>Gets the output shape.</summary>
    public VolumeShape TargetShape { get; }

    /// <summary>Gets how labels are picked.</summary>
    public LabelInterpolation Labels { get; }

    /// <inheritdoc />
    public string Name => $"ResampleToShape({TargetShape}, labels={Labels})";

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input) => Resample(input, TargetShape, Labels, Name);

    /// <summary>Shared by <see cref="ResampleToShape"/> and <see cref="ResampleToSpacing"/>.</summary>
    internal static TransformResult Resample(VolumeCase input, VolumeShape target, LabelInterpolation labels, string description)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        var s = image.Shape;
        if (s == target)
        {
            return new TransformResult(input, GeometryStep.Identity(image.Geometry));
        }

        var mx = AxisMap.Resize(s.X, target.X);
        var my = AxisMap.Resize(s.Y, target.Y);
        var mz = AxisMap.Resize(s.Z, target.Z);
        var geometry = GeometryUpdate.Resampled(image.Geometry, target, mx, my, mz);
        var voxels = Resampling.Trilinear(image.Voxels, s, image.Channels, target, mx, my, mz);
        LabelVolume? label = null;
        if (input.Label is { } l)
        {
            var legacy = labels == LabelInterpolation.NearestPyTorchLegacy;
            var ix = legacy ? AxisTable.NearestPyTorchLegacy(target.X, s.X) : AxisTable.NearestCentered(target.X, s.X, mx);
            var iy = legacy ? AxisTable.NearestPyTorchLegacy(target.Y, s.Y) : AxisTable.NearestCentered(target.Y, s.Y, my);
            var iz = legacy ? AxisTable.NearestPyTorchLegacy(target.Z, s.Z) : AxisTable.NearestCentered(target.Z, s.Z, mz);
            label = new LabelVolume(geometry, Resampling.Nearest<byte>(l.Labels, s, 1, target, ix, iy, iz));
        }

        var result = input with { Image = new Volume(geometry, image.Channels, voxels), Label = label };
        return new TransformResult(result, new AxisAlignedResampleStep(image.Geometry, geometry, mx, my, mz, description));
    }
}
