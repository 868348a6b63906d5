// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Transforms.Steps;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Pads and/or crops each axis symmetrically to a target shape, the reference's split: for a difference d = target −
/// source, <c>ceil(d/2)</c> voxels go before and <c>floor(d/2)</c> after (BraTS 240×240×155 → 256×256×160: 8/8, 8/8, 3/2).
/// Cropping removes <c>ceil(r/2)</c> before and <c>floor(r/2)</c> after for r = source − target, which makes crop the exact
/// inverse of pad.
/// </summary>
/// <remarks>
/// <para><b>Geometry:</b> every voxel keeps its world position: the affine becomes <c>A · T(−before)</c> (the translation
/// moves by <c>−A·before</c>); spacing unchanged.</para>
/// <para><b>Values:</b> padded image voxels take <see cref="PadValue"/> (0 by default — the reference pads with 0
/// <i>after</i> z-scoring, so padding differs from the in-volume background, see docs/models/oss-net.md, "Deviations and choices"); padded labels are 0.</para>
/// <para><b>Inverse:</b> exact — crop back what was padded; what was cropped comes back as 0 (background, probability 0).
/// A case that already has the target shape passes through untouched with an identity step.</para>
/// </remarks>
public sealed class PadOrCropToShape : IVolumeTransform
{
    /// <summary>Initializes the transform.</summary>
    /// <param name="targetShape">The output shape.</param>
    /// <param name="padValue">Image value of padded voxels; default 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive extent or a non-finite pad value.</exception>
    public PadOrCropToShape(VolumeShape targetShape, float padValue = 0)
    {
        targetShape.Validate();
        if (!float.IsFinite(padValue))
        {
            throw new ArgumentOutOfRangeException(nameof(padValue), padValue, "The pad value must be finite.");
        }

        TargetShape = targetShape;
        PadValue = padValue;
    }

    /// <summary>Gets the output shape.</summary>
    public VolumeShape TargetShape { get; }

    /// <summary>Gets the image value of padded voxels.</summary>
    public float PadValue { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"PadOrCrop({TargetShape}, pad={PadValue})");

    /// <summary>
    /// Returns the voxels added before the source along each axis (negative: cropped) when going from
    /// <paramref name="source"/> to <paramref name="target"/>: <c>ceil(d/2)</c> for d = target − source, <c>−ceil(−d/2)</c> when cropping.
    /// </summary>
    public static (int X, int Y, int Z) BeforeFor(VolumeShape source, VolumeShape target) =>
        (Before(source.X, target.X), Before(source.Y, target.Y), Before(source.Z, target.Z));

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        if (image.Shape == TargetShape)
        {
            return new TransformResult(input, GeometryStep.Identity(image.Geometry));
        }

        var before = BeforeFor(image.Shape, TargetShape);
        var geometry = GeometryUpdate.Shifted(image.Geometry, TargetShape, before);
        var voxels = RegionCopy.Shift(image.Voxels, image.Shape, image.Channels, TargetShape, before, PadValue);
        LabelVolume? label = null;
        if (input.Label is { } sourceLabel)
        {
            label = new LabelVolume(geometry, RegionCopy.Shift<byte>(sourceLabel.Labels, image.Shape, 1, TargetShape, before, 0));
        }

        var result = input with { Image = new Volume(geometry, image.Channels, voxels), Label = label };
        return new TransformResult(result, new PadCropStep(image.Geometry, geometry, before));
    }

    private static int Before(int source, int target)
    {
        var d = target - source;
        return d >= 0 ? (d + 1) / 2 : -((-d + 1) / 2);
    }
}
