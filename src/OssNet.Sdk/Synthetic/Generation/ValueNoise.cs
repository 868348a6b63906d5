// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// Smooth seeded noise on a voxel grid: random values in [−1, 1] on a coarse lattice, interpolated with smoothstep weights
/// (C¹, no lattice creases). The lattice depends on the physical field of view and a feature size only, not on the voxel
/// count, so the same seed gives the same anatomy at any resolution. Per-axis tables make a sample eight lookups.
/// </summary>
internal sealed class ValueNoise
{
    private readonly float[] _lattice;
    private readonly int _strideX;
    private readonly int _strideY;
    private readonly AxisWeights _x;
    private readonly AxisWeights _y;
    private readonly AxisWeights _z;

    /// <summary>Initializes a field with lattice cells about <paramref name="featureSizeMm"/> wide.</summary>
    public ValueNoise(ulong seed, VolumeShape shape, (double X, double Y, double Z) fieldOfViewMm, double featureSizeMm)
    {
        var cx = Cells(fieldOfViewMm.X, featureSizeMm);
        var cy = Cells(fieldOfViewMm.Y, featureSizeMm);
        var cz = Cells(fieldOfViewMm.Z, featureSizeMm);
        // One spare lattice point per axis for a random phase: lattices of different fields do not line up.
        _strideY = cz + 2;
        _strideX = (cy + 2) * _strideY;
        _lattice = new float[(cx + 2) * _strideX];
        var random = new DeterministicRandom(seed);
        for (var i = 0; i < _lattice.Length; i++)
        {
            _lattice[i] = (float)((2 * random.NextDouble()) - 1);
        }

        _x = new AxisWeights(shape.X, cx, _strideX, random.NextDouble());
        _y = new AxisWeights(shape.Y, cy, _strideY, random.NextDouble());
        _z = new AxisWeights(shape.Z, cz, 1, random.NextDouble());
    }

    /// <summary>Returns the field at voxel (x, y, z), in [−1, 1].</summary>
    public float Sample(int x, int y, int z)
    {
        var i = _x.Offset[x] + _y.Offset[y] + _z.Offset[z];
        var wx = _x.Weight[x];
        var wy = _y.Weight[y];
        var wz = _z.Weight[z];
        var l = _lattice;
        var sx = _strideX;
        var sy = _strideY;
        var c00 = l[i] + (wz * (l[i + 1] - l[i]));
        var c01 = l[i + sy] + (wz * (l[i + sy + 1] - l[i + sy]));
        var c10 = l[i + sx] + (wz * (l[i + sx + 1] - l[i + sx]));
        var c11 = l[i + sx + sy] + (wz * (l[i + sx + sy + 1] - l[i + sx + sy]));
        var c0 = c00 + (wy * (c01 - c00));
        var c1 = c10 + (wy * (c11 - c10));
        return c0 + (wx * (c1 - c0));
    }

    private static int Cells(double extentMm, double featureSizeMm) =>
        Math.Clamp((int)Math.Round(extentMm / featureSizeMm), 1, 256);

    /// <summary>Lattice offset and smoothstep weight of every voxel index along one axis.</summary>
    private sealed class AxisWeights
    {
        public AxisWeights(int voxels, int cells, int stride, double phase)
        {
            Offset = new int[voxels];
            Weight = new float[voxels];
            for (var i = 0; i < voxels; i++)
            {
                var g = ((i + 0.5) / voxels * cells) + phase;
                var cell = Math.Min((int)g, cells);
                var f = g - cell;
                Offset[i] = cell * stride;
                Weight[i] = (float)(f * f * (3 - (2 * f)));
            }
        }

        public int[] Offset { get; }

        public float[] Weight { get; }
    }
}
