// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>
/// The border band around a segmentation's surface, which the border-focused sampler draws half of its points from
/// (OSS-Net <c>scripts/generate_borders_*.py</c>).
/// </summary>
/// <remarks>
/// As the reference: (1) binary mask <c>label &gt; 0</c>; (2) its 3D Sobel gradient magnitude
/// (<see cref="SobelGradient"/>, scipy semantics, non-zero in a band of about one voxel on both sides of the boundary);
/// (3) max pooling with a k³ kernel, stride 1 and padding (k − 1)/2 (k = 13 → ±6 voxels more); (4) the non-zero
/// voxels of the result. With k = 13 the band reaches 7 voxels from the boundary on each side. Computed on the grid
/// it is given: the reference computes BraTS bands at 240×240×155 before padding, and LiTS bands at native resolution
/// before resizing to 512³. O(N) time; about 4 bytes of scratch memory per voxel.
/// </remarks>
public static class BorderMap
{
    /// <summary>The reference's dilation kernel (13³ max pooling, padding 6).</summary>
    public const int DefaultDilation = 13;

    /// <summary>Computes the border band of <paramref name="mask"/> (label &gt; 0 is foreground).</summary>
    /// <param name="mask">The label or mask volume.</param>
    /// <param name="dilation">The edge length of the max-pooling cube; odd and positive (1 = the Sobel band alone).</param>
    /// <returns>A 0/1 label volume on the mask's geometry: 1 inside the band.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dilation"/> is not a positive odd number.</exception>
    public static LabelVolume Compute(LabelVolume mask, int dilation = DefaultDilation)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (dilation < 1 || dilation % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dilation), dilation, "The dilation kernel must be a positive odd number (the reference uses 13).");
        }

        var band = new byte[mask.Labels.Length];
        SobelGradient.NonZero(mask, band);
        BoxDilation.DilateInPlace(band, mask.Shape, dilation);
        return new LabelVolume(mask.Geometry, band);
    }
}
