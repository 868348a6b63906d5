// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>
/// Exact Euclidean distance transform with anisotropic spacing: for every voxel, the distance in millimetres to the
/// nearest <em>feature</em> voxel (a non-zero voxel of the input).
/// </summary>
/// <remarks>
/// <para>Separable lower-envelope-of-parabolas algorithm of Felzenszwalb and Huttenlocher (2012): one exact 1D pass
/// per axis (z, then y, then x), each O(n) per line, so O(N) overall; lines run in parallel. Per axis the squared
/// spacing weights the parabolas, which makes the result exact for anisotropic grids.</para>
/// <para>Note the direction: this is the distance <em>to</em> the non-zero voxels. scipy's
/// <c>distance_transform_edt(x)</c> measures the distance to the zeros of x, i.e. equals this transform of <c>x == 0</c>.</para>
/// </remarks>
public static class EuclideanDistanceTransform
{
    // 8 doubles = one 64-byte cache line.
    private const int TileWidth = 8;

    /// <summary>Returns the squared distances (mm²) from every voxel to the nearest voxel where <paramref name="features"/> is non-zero.</summary>
    /// <param name="features">One byte per voxel in the SDK layout (z fastest).</param>
    /// <param name="shape">The grid.</param>
    /// <param name="spacing">The voxel size in millimetres along x, y and z.</param>
    /// <returns>The squared distances in the SDK layout; <see cref="double.PositiveInfinity"/> everywhere when there is no feature voxel.</returns>
    /// <exception cref="ArgumentException">The buffer length is not the voxel count, or a spacing is not positive and finite.</exception>
    public static double[] SquaredDistances(ReadOnlySpan<byte> features, VolumeShape shape, (double X, double Y, double Z) spacing)
    {
        shape.Validate();
        if (features.Length != shape.VoxelCount)
        {
            throw new ArgumentException($"A {shape} grid has {shape.VoxelCount} voxels; the feature buffer has {features.Length}.", nameof(features));
        }

        if (!(spacing.X > 0 && spacing.Y > 0 && spacing.Z > 0 && double.IsFinite(spacing.X + spacing.Y + spacing.Z)))
        {
            throw new ArgumentException($"Spacing must be positive and finite; got {spacing}.", nameof(spacing));
        }

        var field = new double[features.Length];
        SquaredDistancesInPlace(features, shape, spacing, field);
        return field;
    }

    /// <summary>Returns the distances (mm) from every voxel to the nearest foreground voxel (label &gt; 0) of <paramref name="features"/>.</summary>
    /// <returns>A one-channel float volume on the same geometry; +∞ everywhere when there is no foreground.</returns>
    public static Volume Distances(LabelVolume features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var squared = SquaredDistances(features.Labels.Span, features.Shape, features.Geometry.Spacing);
        var distances = new float[squared.Length];
        for (var i = 0; i < squared.Length; i++)
        {
            distances[i] = (float)Math.Sqrt(squared[i]);
        }

        return new Volume(features.Geometry, 1, distances);
    }

    /// <summary>Fills <paramref name="field"/> (length = voxel count, reused by callers) with squared distances.</summary>
    internal static void SquaredDistancesInPlace(ReadOnlySpan<byte> features, VolumeShape shape, (double X, double Y, double Z) spacing, double[] field)
    {
        FirstAxis(features, field, shape.Z, spacing.Z * spacing.Z);
        // Axis as [outer, n, inner]: y lines have stride Z, x lines stride Y·Z.
        TransformAxis(field, outer: shape.X, n: shape.Y, inner: shape.Z, spacing.Y * spacing.Y);
        TransformAxis(field, outer: 1, n: shape.X, inner: shape.Y * shape.Z, spacing.X * spacing.X);
    }

    /// <summary>
    /// The z pass on binary input: per contiguous line, the squared distance to the nearest feature of the line
    /// (two sweeps, no envelope needed), or +∞ when the line has none.
    /// </summary>
    private static void FirstAxis(ReadOnlySpan<byte> features, double[] field, int n, double weight)
    {
        const int None = int.MinValue / 2;
        for (var start = 0; start < features.Length; start += n)
        {
            var line = features.Slice(start, n);
            var output = field.AsSpan(start, n);
            if (!line.ContainsAnyExcept((byte)0))
            {
                output.Fill(double.PositiveInfinity);
                continue;
            }

            // Forward: distance to the nearest feature at or before q; backward: also consider those after q.
            var last = None;
            for (var q = 0; q < n; q++)
            {
                if (line[q] != 0)
                {
                    last = q;
                }

                output[q] = last == None ? double.PositiveInfinity : q - last;
            }

            last = None;
            for (var q = n - 1; q >= 0; q--)
            {
                if (line[q] != 0)
                {
                    last = q;
                }

                var d = last == None ? output[q] : Math.Min(output[q], last - q);
                output[q] = weight * d * d;
            }
        }
    }

    private static void TransformAxis(double[] field, int outer, int n, int inner, double weight)
    {
        if (n == 1)
        {
            return; // a single sample: the minimum over the line is the sample itself
        }

        // Lines are processed in tiles of up to TileWidth neighbouring lines: one gather reads TileWidth contiguous
        // values per position instead of one value per cache line.
        var blocksPerOuter = (inner + TileWidth - 1) / TileWidth;
        var tiles = (long)outer * blocksPerOuter;
        var chunk = Math.Max(1L, tiles / (Environment.ProcessorCount * 8L));
        Parallel.ForEach(Partitioner.Create(0L, tiles, chunk), range =>
        {
            var tile = new double[n * TileWidth];
            var envelope = new Envelope(n);
            for (var t = range.Item1; t < range.Item2; t++)
            {
                var o = t / blocksPerOuter;
                var k0 = (int)(t % blocksPerOuter) * TileWidth;
                var width = Math.Min(TileWidth, inner - k0);
                var start = (o * n * inner) + k0;
                for (var q = 0; q < n; q++)
                {
                    field.AsSpan((int)(start + ((long)q * inner)), width).CopyTo(tile.AsSpan(q * width, width));
                }

                for (var b = 0; b < width; b++)
                {
                    envelope.Transform(tile, b, width, weight);
                }

                for (var q = 0; q < n; q++)
                {
                    tile.AsSpan(q * width, width).CopyTo(field.AsSpan((int)(start + ((long)q * inner)), width));
                }
            }
        });
    }

    /// <summary>Scratch buffers of the 1D lower-envelope transform for lines of one length.</summary>
    private sealed class Envelope(int n)
    {
        private readonly int[] _vertices = new int[n];      // roots of the parabolas on the envelope
        private readonly double[] _values = new double[n];  // f at each root (kept: the line is overwritten in place)
        private readonly double[] _offsets = new double[n]; // f(p) + w·p², shared by every intersection with p
        private readonly double[] _bounds = new double[n + 1];

        /// <summary>
        /// In place: line[q] ← min_p (w·(q − p)² + line[p]) over the finite samples, for the line of
        /// <c>n</c> samples at data[offset + q·stride]. A line without a finite sample is left as is (+∞).
        /// </summary>
        public void Transform(double[] data, int offset, int stride, double weight)
        {
            var k = -1;
            for (var q = 0; q < n; q++)
            {
                var fq = data[offset + (q * stride)];
                if (double.IsPositiveInfinity(fq))
                {
                    continue;
                }

                var gq = fq + (weight * q * q);
                if (k < 0)
                {
                    k = 0;
                    Push(0, q, fq, gq, double.NegativeInfinity);
                    continue;
                }

                // Pop parabolas hidden by q's: their intersection with q lies left of their own left bound.
                // Compared without dividing (the denominator is positive); bounds[0] = −∞ always stays.
                double numerator, denominator;
                while (true)
                {
                    numerator = gq - _offsets[k];
                    denominator = 2.0 * weight * (q - _vertices[k]);
                    if (numerator > _bounds[k] * denominator)
                    {
                        break;
                    }

                    k--;
                }

                k++;
                Push(k, q, fq, gq, numerator / denominator);
            }

            if (k < 0)
            {
                return;
            }

            var j = 0;
            for (var q = 0; q < n; q++)
            {
                while (_bounds[j + 1] < q)
                {
                    j++;
                }

                var d = q - _vertices[j];
                data[offset + (q * stride)] = (weight * d * d) + _values[j];
            }
        }

        private void Push(int k, int q, double fq, double gq, double leftBound)
        {
            _vertices[k] = q;
            _values[k] = fq;
            _offsets[k] = gq;
            _bounds[k] = leftBound;
            _bounds[k + 1] = double.PositiveInfinity;
        }
    }
}
