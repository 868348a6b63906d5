// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Transforms.Steps;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Reorders and flips the voxel axes so that the image axes point Right, Anterior, Superior (closest canonical RAS),
/// like nibabel's <c>as_closest_canonical</c>: only axis permutations and flips, never interpolation.
/// </summary>
/// <remarks>
/// <para>Axis directions are read from the affine as <see cref="AffineMatrix.OrientationCode"/> does (each image axis goes
/// to the world axis it points to most). An oblique affine stays oblique, only closest to RAS.</para>
/// <para><b>Geometry:</b> every voxel keeps its world position: the affine becomes <c>A · P</c> where P maps new indices
/// to old ones (a permutation, with <c>n − 1 − i</c> for flipped axes); the spacing follows its axis.</para>
/// <para><b>Inverse:</b> the inverse permutation, exact for labels and probabilities. An input that is already RAS passes
/// through untouched with an identity step.</para>
/// </remarks>
public sealed class ReorientToCanonical : IVolumeTransform
{
    /// <inheritdoc />
    public string Name => "ReorientToCanonical(RAS)";

    /// <summary>Returns the permutation from a geometry's axes to RAS: target axis d reads source axis Axis(d).</summary>
    internal static AxisPermutation PermutationFor(VolumeGeometry geometry)
    {
        var code = geometry.OrientationCode;
        Span<int> axes = stackalloc int[3];
        Span<bool> flips = stackalloc bool[3];
        for (var source = 0; source < 3; source++)
        {
            var (world, negative) = code[source] switch
            {
                'R' => (0, false),
                'L' => (0, true),
                'A' => (1, false),
                'P' => (1, true),
                'S' => (2, false),
                _ => (2, true),
            };
            axes[world] = source;
            flips[world] = negative;
        }

        return new AxisPermutation(axes[0], axes[1], axes[2], flips[0], flips[1], flips[2]);
    }

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        var permutation = PermutationFor(image.Geometry);
        if (permutation.IsIdentity)
        {
            return new TransformResult(input, GeometryStep.Identity(image.Geometry));
        }

        var geometry = GeometryUpdate.Permuted(image.Geometry, permutation);
        var voxels = permutation.Apply<float>(image.Voxels, image.Shape, image.Channels);
        LabelVolume? label = input.Label is { } l ? new LabelVolume(geometry, permutation.Apply<byte>(l.Labels, l.Shape, 1)) : null;
        var result = input with { Image = new Volume(geometry, image.Channels, voxels), Label = label };
        var step = new AxisPermutationStep(image.Geometry, geometry, permutation, $"reorient {image.Geometry.OrientationCode} → RAS");
        return new TransformResult(result, step);
    }
}
