// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Transforms.Steps;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Halves every axis: each output voxel is the mean of a 2×2×2 cell of the input (labels: <see cref="Labels"/> rule).
/// This is the encoder input of OSS-Net (see docs/transforms.md: trilinear ×0.5 with align_corners=False, numerically identical to
/// 2×2×2 average pooling for even sizes).
/// </summary>
/// <remarks>
/// <para><b>Odd sizes:</b> the output has <c>floor(n/2)</c> voxels and the last plane of an odd axis is dropped, as
/// <c>avg_pool3d</c> does; the reference only meets even sizes (256×256×160, 512³). Every axis needs at least 2 voxels.</para>
/// <para><b>Geometry:</b> output voxel i is the centre of input voxels 2i and 2i+1, so the affine becomes
/// <c>A · [diag(2, 2, 2) | (0.5, 0.5, 0.5)]</c> and the spacing doubles; world positions are preserved.</para>
/// <para><b>Inverse:</b> probabilities are interpolated trilinearly back (align_corners=False, edges clamped, so a
/// dropped odd plane repeats its neighbour); labels take the label of the coarse voxel that contains the fine one.</para>
/// <para>Image values are averaged in double and rounded once, so the output is exactly the mean of the eight float values.</para>
/// </remarks>
public sealed class DownscaleByTwo : IVolumeTransform
{
    /// <summary>Initializes the transform.</summary>
    /// <param name="labels">How labels are reduced; default <see cref="LabelReduction.Max"/>.</param>
    public DownscaleByTwo(LabelReduction labels = LabelReduction.Max)
    {
        if (!Enum.IsDefined(labels))
        {
            throw new ArgumentOutOfRangeException(nameof(labels), labels, "Unknown label reduction.");
        }

        Labels = labels;
    }

    /// <summary>Gets how labels are reduced.</summary>
    public LabelReduction Labels { get; }

    /// <inheritdoc />
    public string Name => $"DownscaleByTwo(labels={Labels})";

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        var s = image.Shape;
        if (s.X < 2 || s.Y < 2 || s.Z < 2)
        {
            throw new ArgumentException($"Case '{input.Id}': a {s} volume cannot be halved; every axis needs at least 2 voxels.", nameof(input));
        }

        var shape = new VolumeShape(s.X / 2, s.Y / 2, s.Z / 2);
        var map = new AxisMap(2, 0.5);
        var geometry = GeometryUpdate.Resampled(image.Geometry, shape, map, map, map);
        var voxels = Average(image.Voxels, s, image.Channels, shape);
        LabelVolume? label = input.Label is { } l ? new LabelVolume(geometry, Reduce(l.Labels, s, shape, Labels)) : null;
        var result = input with { Image = new Volume(geometry, image.Channels, voxels), Label = label };
        return new TransformResult(result, new AxisAlignedResampleStep(image.Geometry, geometry, map, map, map, "downscale ×½ (2×2×2 mean)"));
    }

    private static float[] Average(ReadOnlyMemory<float> source, VolumeShape s, int channels, VolumeShape t)
    {
        var output = new float[checked(channels * t.VoxelCount)];
        var sourceVoxels = (int)s.VoxelCount;
        var targetVoxels = (int)t.VoxelCount;
        SlabParallel.For(channels * t.X, 8L * t.Y * t.Z, slab =>
        {
            var c = slab / t.X;
            var x = slab % t.X;
            var src = source.Span.Slice(c * sourceVoxels, sourceVoxels);
            var dst = output.AsSpan((c * targetVoxels) + (x * t.Y * t.Z), t.Y * t.Z);
            for (var y = 0; y < t.Y; y++)
            {
                var a = src.Slice((int)s.IndexOf(2 * x, 2 * y, 0), s.Z);
                var b = src.Slice((int)s.IndexOf(2 * x, (2 * y) + 1, 0), s.Z);
                var d = src.Slice((int)s.IndexOf((2 * x) + 1, 2 * y, 0), s.Z);
                var e = src.Slice((int)s.IndexOf((2 * x) + 1, (2 * y) + 1, 0), s.Z);
                for (var z = 0; z < t.Z; z++)
                {
                    var k = 2 * z;
                    double sum = (double)a[k] + a[k + 1] + b[k] + b[k + 1] + d[k] + d[k + 1] + e[k] + e[k + 1];
                    dst[(y * t.Z) + z] = (float)(sum * 0.125);
                }
            }
        });

        return output;
    }

    private static byte[] Reduce(ReadOnlyMemory<byte> source, VolumeShape s, VolumeShape t, LabelReduction rule)
    {
        var output = new byte[t.VoxelCount];
        SlabParallel.For(t.X, 8L * t.Y * t.Z, x =>
        {
            var src = source.Span;
            Span<byte> cell = stackalloc byte[8];
            for (var y = 0; y < t.Y; y++)
            {
                for (var z = 0; z < t.Z; z++)
                {
                    var n = 0;
                    for (var dx = 0; dx < 2; dx++)
                    {
                        for (var dy = 0; dy < 2; dy++)
                        {
                            var row = (int)s.IndexOf((2 * x) + dx, (2 * y) + dy, 2 * z);
                            cell[n++] = src[row];
                            cell[n++] = src[row + 1];
                        }
                    }

                    output[t.IndexOf(x, y, z)] = rule == LabelReduction.Max ? Max(cell) : Majority(cell);
                }
            }
        });

        return output;
    }

    private static byte Max(ReadOnlySpan<byte> cell)
    {
        byte max = 0;
        foreach (var v in cell)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    private static byte Majority(Span<byte> cell)
    {
        cell.Sort();
        byte best = cell[0];
        var bestCount = 0;
        var i = 0;
        while (i < cell.Length)
        {
            var j = i;
            while (j < cell.Length && cell[j] == cell[i])
            {
                j++;
            }

            // Ascending order and ">=" make ties go to the larger label.
            if (j - i >= bestCount)
            {
                best = cell[i];
                bestCount = j - i;
            }

            i = j;
        }

        return best;
    }
}
