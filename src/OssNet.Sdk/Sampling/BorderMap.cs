// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>
/// The border band around a segmentation's surface, which the border-focused sampler draws half of its points from
/// (OSS-Net <c>scripts/generate_borders_*.py</c>).
/// </summary>
/// <remarks>
/// <para>As the reference: (1) binary mask <c>label &gt; 0</c>; (2) its 3D Sobel gradient magnitude
/// (<see cref="SobelGradient"/>, scipy semantics, non-zero in a band of about one voxel on both sides of the boundary);
/// (3) max pooling with a k³ kernel, stride 1 and padding (k − 1)/2 (k = 13 → 6 voxels more); (4) the non-zero
/// voxels of the result. With k = 13 the band reaches 7 voxels from the boundary on each side along the axes (up to
/// 7·√3 along diagonal normals, the kernel being a cube).</para>
/// <para>Computed on the grid it is given: the reference computes BraTS bands at 240×240×155 before padding, and LiTS
/// bands at native resolution before resizing to 512³ with nearest interpolation.</para>
/// <para>Work is confined to the foreground's bounding box grown by 1 + (k − 1)/2 voxels (the gradient is zero
/// elsewhere, so this is exact); inside it, every pass is separable and vectorised: O(N) time and about 4 bytes of
/// scratch memory per voxel of that box.</para>
/// </remarks>
public static class BorderMap
{
    /// <summary>The reference's dilation kernel (13³ max pooling, padding 6).</summary>
    public const int DefaultDilation = 13;

    /// <summary>Computes the border band of <paramref name="mask"/> (label &gt; 0 is foreground).</summary>
    /// <param name="mask">The label or mask volume.</param>
    /// <param name="dilation">The edge length of the max-pooling cube; odd, 1 to 255 (1 = the Sobel band alone).</param>
    /// <returns>A 0/1 label volume on the mask's geometry: 1 inside the band.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dilation"/> is not an odd number in [1, 255].</exception>
    public static LabelVolume Compute(LabelVolume mask, int dilation = DefaultDilation)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (dilation < 1 || dilation > BoxDilation.MaxKernel || dilation % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dilation), dilation, "The dilation kernel must be an odd number from 1 to 255 (the reference uses 13).");
        }

        var shape = mask.Shape;
        var labels = mask.Labels.Span;
        var result = new byte[labels.Length];
        if (BoundingBox.OfUnion(labels, labels, shape) is not { } foreground)
        {
            return new LabelVolume(mask.Geometry, result);
        }

        var gradientBox = foreground.Expand(1, shape);
        var bandBox = foreground.Expand(1 + ((dilation - 1) / 2), shape);

        var binary = new sbyte[gradientBox.Shape.VoxelCount];
        gradientBox.CopyBinary(labels, shape, MemoryMarshal.AsBytes(binary.AsSpan()));
        var gradient = new byte[binary.Length];
        SobelGradient.OrNonZero(binary, gradientBox.Shape, gradient);

        var band = new byte[bandBox.Shape.VoxelCount];
        gradientBox.RelativeTo(bandBox).PasteInto(gradient, band, bandBox.Shape);
        BoxDilation.DilateInPlace(band, bandBox.Shape, dilation);
        bandBox.PasteInto(band, result, shape);
        return new LabelVolume(mask.Geometry, result);
    }
}
