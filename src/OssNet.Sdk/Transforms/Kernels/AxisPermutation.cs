// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Kernels;

/// <summary>
/// Exact axis permutations with flips: target axis d is source axis <c>Axes[d]</c>, read backwards when <c>Flips[d]</c>.
/// Covers reorientation (any of the 48 axis-aligned orientations) and mirror flips.
/// </summary>
internal readonly record struct AxisPermutation(int Axis0, int Axis1, int Axis2, bool Flip0, bool Flip1, bool Flip2)
{
    /// <summary>Gets the permutation that only flips the given axes.</summary>
    public static AxisPermutation Flips(bool x, bool y, bool z) => new(0, 1, 2, x, y, z);

    /// <summary>Gets the source axis of target axis <paramref name="d"/>.</summary>
    public int Axis(int d) => d switch { 0 => Axis0, 1 => Axis1, _ => Axis2 };

    /// <summary>Gets whether target axis <paramref name="d"/> runs backwards through its source axis.</summary>
    public bool Flip(int d) => d switch { 0 => Flip0, 1 => Flip1, _ => Flip2 };

    /// <summary>Gets a value indicating whether nothing moves.</summary>
    public bool IsIdentity => Axis0 == 0 && Axis1 == 1 && Axis2 == 2 && !Flip0 && !Flip1 && !Flip2;

    /// <summary>Returns the target shape for a source shape.</summary>
    public VolumeShape TargetShape(VolumeShape source)
    {
        Span<int> n = [source.X, source.Y, source.Z];
        return new VolumeShape(n[Axis0], n[Axis1], n[Axis2]);
    }

    /// <summary>Returns the permutation that undoes this one.</summary>
    public AxisPermutation Inverse()
    {
        Span<int> axes = stackalloc int[3];
        Span<bool> flips = stackalloc bool[3];
        for (var d = 0; d < 3; d++)
        {
            axes[Axis(d)] = d;
            flips[Axis(d)] = Flip(d);
        }

        return new AxisPermutation(axes[0], axes[1], axes[2], flips[0], flips[1], flips[2]);
    }

    /// <summary>Applies the permutation to every channel of <paramref name="source"/>.</summary>
    public T[] Apply<T>(ReadOnlyMemory<T> source, VolumeShape sourceShape, int channels)
        where T : unmanaged
    {
        var targetShape = TargetShape(sourceShape);
        var target = new T[checked(channels * targetShape.VoxelCount)];
        var voxels = (int)sourceShape.VoxelCount;

        // Source strides of the SDK layout, then the stride and start of each target axis inside the source.
        Span<int> n = [sourceShape.X, sourceShape.Y, sourceShape.Z];
        Span<int> strides = [sourceShape.Y * sourceShape.Z, sourceShape.Z, 1];
        var step = new int[3];
        var start = 0;
        for (var d = 0; d < 3; d++)
        {
            var axis = Axis(d);
            step[d] = Flip(d) ? -strides[axis] : strides[axis];
            start += Flip(d) ? (n[axis] - 1) * strides[axis] : 0;
        }

        SlabParallel.For(channels * targetShape.X, (long)targetShape.Y * targetShape.Z, slab =>
        {
            var c = slab / targetShape.X;
            var x = slab % targetShape.X;
            var src = source.Span.Slice(c * voxels, voxels);
            var dst = target.AsSpan((c * voxels) + (x * targetShape.Y * targetShape.Z), targetShape.Y * targetShape.Z);
            var planeStart = start + (x * step[0]);
            var o = 0;
            for (var y = 0; y < targetShape.Y; y++)
            {
                var s = planeStart + (y * step[1]);
                var dz = step[2];
                for (var z = 0; z < targetShape.Z; z++, s += dz)
                {
                    dst[o++] = src[s];
                }
            }
        });

        return target;
    }
}
