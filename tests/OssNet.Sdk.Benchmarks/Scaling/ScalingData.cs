// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>The case every scaling configuration starts from: 4 channels of seeded Gaussian noise (already normalised:
/// mean 0, variance 1) and an ellipsoid label covering ~6.5 % of the grid, as managed volumes — where a real
/// pipeline's data comes from after reading and preprocessing.</summary>
internal static class ScalingData
{
    public const int Channels = 4;

    public static VolumeCase Create(VolumeShape shape, int seed)
    {
        var geometry = VolumeGeometry.Create(shape);
        var voxels = new float[Channels * shape.VoxelCount];
        using (var noise = torch.randn([voxels.LongLength], generator: new torch.Generator((ulong)seed)))
        {
            noise.data<float>().CopyTo(voxels);
        }

        var labels = new byte[shape.VoxelCount];
        double cx = (shape.X - 1) / 2.0, cy = (shape.Y - 1) / 2.0, cz = (shape.Z - 1) / 2.0;
        double rx = shape.X / 4.0, ry = shape.Y / 4.0, rz = shape.Z / 4.0;
        var i = 0;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++, i++)
                {
                    double dx = (x - cx) / rx, dy = (y - cy) / ry, dz = (z - cz) / rz;
                    labels[i] = (byte)((dx * dx) + (dy * dy) + (dz * dz) <= 1 ? 1 : 0);
                }
            }
        }

        return new VolumeCase("scaling", new Volume(geometry, Channels, voxels), new LabelVolume(geometry, labels));
    }
}
