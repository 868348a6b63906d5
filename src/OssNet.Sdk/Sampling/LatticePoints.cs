// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>Deterministic point sets for dense and multi-resolution inference.</summary>
public static class LatticePoints
{
    /// <summary>
    /// Returns the stride-<paramref name="stride"/> lattice {0, s, 2s, …} along every axis, in the SDK order (x
    /// slowest, z fastest): the query set of the first stage of OSS-Net's multi-resolution inference (s = 4: BraTS
    /// 256×256×160 → 64·64·40 = 163,840 points).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is not positive.</exception>
    public static PointSet Stride(VolumeShape shape, int stride)
    {
        shape.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        var (cx, cy, cz) = (Steps(shape.X, stride), Steps(shape.Y, stride), Steps(shape.Z, stride));
        var coordinates = new int[checked(3 * cx * cy * cz)];
        var next = 0;
        for (var x = 0; x < shape.X; x += stride)
        {
            for (var y = 0; y < shape.Y; y += stride)
            {
                for (var z = 0; z < shape.Z; z += stride)
                {
                    coordinates[next++] = x;
                    coordinates[next++] = y;
                    coordinates[next++] = z;
                }
            }
        }

        return new PointSet(shape, coordinates);
    }

    /// <summary>Returns the number of points of <see cref="Stride"/>: ⌈X/s⌉·⌈Y/s⌉·⌈Z/s⌉.</summary>
    public static long Count(VolumeShape shape, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        return (long)Steps(shape.X, stride) * Steps(shape.Y, stride) * Steps(shape.Z, stride);
    }

    /// <summary>Returns the voxels where <paramref name="mask"/> is greater than zero, in the SDK order (e.g. the candidate set of a refinement stage).</summary>
    public static PointSet FromMask(LabelVolume mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var indices = PointSamplingContext.IndicesOfNonZero(mask);
        var coordinates = new int[3 * indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            PointDraws.WriteCoordinates(indices[i], mask.Shape, coordinates, i);
        }

        return new PointSet(mask.Shape, coordinates);
    }

    private static int Steps(int size, int stride) => ((size - 1) / stride) + 1;
}
