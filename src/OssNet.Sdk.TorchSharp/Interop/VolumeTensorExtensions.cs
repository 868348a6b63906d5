// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Interop;

/// <summary>Copies volumes into tensors and back. The SDK voxel layout is C order of [C, X, Y, Z], so no transpose is needed.</summary>
public static class VolumeTensorExtensions
{
    /// <summary>Copies the image into a new float32 CPU tensor of shape [C, X, Y, Z]; the caller owns it.</summary>
    public static Tensor ToTensor(this Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var s = volume.Shape;
        var tensor = torch.empty([volume.Channels, s.X, s.Y, s.Z], ScalarType.Float32);
        tensor.data<float>().CopyFrom(volume.Voxels.Span, 0, 0);
        return tensor;
    }

    /// <summary>Copies the labels into a new uint8 CPU tensor of shape [X, Y, Z]; the caller owns it.</summary>
    public static Tensor ToTensor(this LabelVolume labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var s = labels.Shape;
        var tensor = torch.empty([s.X, s.Y, s.Z], ScalarType.Byte);
        tensor.data<byte>().CopyFrom(labels.Labels.Span, 0, 0);
        return tensor;
    }

    /// <summary>Copies a [C, X, Y, Z] (or [X, Y, Z]) tensor on any device into a new <see cref="Volume"/> with <paramref name="geometry"/>.</summary>
    /// <exception cref="ArgumentException">The tensor's spatial shape differs from the geometry's.</exception>
    public static Volume ToVolume(this Tensor tensor, VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(geometry);
        var channels = tensor.dim() switch
        {
            3 => 1,
            4 => (int)tensor.shape[0],
            _ => throw new ArgumentException($"Expected a [C, X, Y, Z] or [X, Y, Z] tensor; got [{string.Join(", ", tensor.shape)}].", nameof(tensor)),
        };
        CheckSpatialShape(tensor, geometry.Shape);
        using var scope = torch.NewDisposeScope();
        var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var voxels = new float[checked(channels * geometry.Shape.VoxelCount)];
        cpu.data<float>().CopyTo(voxels, 0, 0);
        return new Volume(geometry, channels, voxels);
    }

    /// <summary>Copies an [X, Y, Z] tensor (any dtype; values &gt; 0 count as foreground unless it is already uint8) into a new <see cref="LabelVolume"/>.</summary>
    /// <exception cref="ArgumentException">The tensor's shape differs from the geometry's.</exception>
    public static LabelVolume ToLabelVolume(this Tensor tensor, VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(geometry);
        if (tensor.dim() != 3)
        {
            throw new ArgumentException($"Expected an [X, Y, Z] tensor; got [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        }

        CheckSpatialShape(tensor, geometry.Shape);
        using var scope = torch.NewDisposeScope();
        var bytes = tensor.dtype == ScalarType.Byte ? tensor.detach() : tensor.detach().gt(0).to(ScalarType.Byte);
        var cpu = bytes.cpu().contiguous();
        var labels = new byte[geometry.Shape.VoxelCount];
        cpu.data<byte>().CopyTo(labels, 0, 0);
        return new LabelVolume(geometry, labels);
    }

    private static void CheckSpatialShape(Tensor tensor, VolumeShape shape)
    {
        var n = tensor.dim();
        if (tensor.shape[n - 3] != shape.X || tensor.shape[n - 2] != shape.Y || tensor.shape[n - 1] != shape.Z)
        {
            throw new ArgumentException(
                $"The tensor's spatial shape [{tensor.shape[n - 3]}, {tensor.shape[n - 2]}, {tensor.shape[n - 1]}] differs from the geometry's {shape}.",
                nameof(tensor));
        }
    }
}
