// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Transforms.Steps;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Crops each case to the bounding box of its body: the voxels that are non-zero in any image channel, grown by
/// <see cref="MarginVoxels"/> on every side (clipped to the volume). nnU-Net's <c>crop_to_nonzero</c>; never a blind centre crop.
/// </summary>
/// <remarks>
/// <para>The box is found per case, so scans with different fields of view end up holding the same anatomy. Images whose
/// background is not exactly zero (CT air at −1024 HU, noisy MRI) keep their whole field of view, as in nnU-Net.</para>
/// <para><b>Geometry:</b> every voxel keeps its world position (the affine's translation moves to the box's first voxel);
/// spacing unchanged. A case with no non-zero voxel, or whose box is the whole volume, passes through with an identity step.</para>
/// <para><b>Inverse:</b> exact — the crop is padded back with 0 (background, probability 0) to the input's grid.</para>
/// <para>The label is cropped with the image; label voxels outside the box (labels outside the body) are lost.</para>
/// </remarks>
public sealed class CropToForeground : IVolumeTransform
{
    /// <summary>Initializes the transform.</summary>
    /// <param name="marginVoxels">Voxels kept around the non-zero box on every side; 0 or more.</param>
    public CropToForeground(int marginVoxels = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(marginVoxels);
        MarginVoxels = marginVoxels;
    }

    /// <summary>Gets the voxels kept around the non-zero box on every side.</summary>
    public int MarginVoxels { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"CropToForeground(margin={MarginVoxels})");

    /// <summary>Returns the shape a case is cropped to (the input's shape when it has no non-zero voxel).</summary>
    public VolumeShape CroppedShapeOf(Volume image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return BoxOf(image)?.Shape ?? image.Shape;
    }

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        if (BoxOf(image) is not { } box || box.Shape == image.Shape)
        {
            return new TransformResult(input, GeometryStep.Identity(image.Geometry));
        }

        var shape = box.Shape;
        var before = (-box.MinX, -box.MinY, -box.MinZ);
        var geometry = GeometryUpdate.Shifted(image.Geometry, shape, before);
        var voxels = RegionCopy.Shift(image.Voxels, image.Shape, image.Channels, shape, before, 0f);
        LabelVolume? label = input.Label is { } l ? new LabelVolume(geometry, RegionCopy.Shift<byte>(l.Labels, image.Shape, 1, shape, before, 0)) : null;
        var result = input with { Image = new Volume(geometry, image.Channels, voxels), Label = label };
        return new TransformResult(result, new PadCropStep(image.Geometry, geometry, before));
    }

    private BoundingBox? BoxOf(Volume image) =>
        BoundingBox.OfNonZero(image.Voxels.Span, image.Shape, image.Channels)?.Expand(MarginVoxels, image.Shape);
}
