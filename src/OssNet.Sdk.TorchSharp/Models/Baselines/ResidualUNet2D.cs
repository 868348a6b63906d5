// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>
/// The paper's efficiency baseline: a 2D residual U-Net applied slice by slice. It segments images [B, C, H, W] into
/// logits [B, K, H, W] (K = 1 for a binary network, else its classes); <see cref="PredictVolume"/> runs it over every slice of volumes along one axis.
/// </summary>
/// <remarks>
/// <para>Architecture and padding of odd sizes: <see cref="ResidualUNet"/>. Presets: <see cref="UNetPresets.BraTs2D"/>
/// (8,111,797 parameters), <see cref="UNetPresets.LiTs2D"/> (8,110,837), <see cref="UNetPresets.Tiny2D"/> (7,901).</para>
/// <para>The reference code trains it on slices cut from whole volumes along the height, width or depth axis
/// (<c>data/__init__.py</c> collate functions; which axis the paper used is not recorded): <see cref="ToSlices"/> and
/// <see cref="FromSlices"/> convert between the two layouts.</para>
/// </remarks>
public sealed class ResidualUNet2D : ResidualUNet
{
    /// <summary>Builds the network.</summary>
    /// <param name="options">A 2D architecture (<see cref="UNetOptions.SpatialDimensions"/> = 2), e.g.
    /// <see cref="UNetPresets.BraTs2D"/>; copied and validated.</param>
    /// <exception cref="ValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The options describe a 3D U-Net.</exception>
    public ResidualUNet2D(UNetOptions options)
        : base(nameof(ResidualUNet2D), options, spatialDimensions: 2)
    {
    }

    /// <summary>Cuts volumes into 2D slices along <paramref name="axis"/> (the slices of one volume stay together, in order).</summary>
    /// <param name="volumes">[B, C, X, Y, Z].</param>
    /// <param name="axis">The axis to slice along.</param>
    /// <returns>[B·S, C, H, W] where S is the extent along <paramref name="axis"/> and (H, W) the other two extents in
    /// x, y, z order; slice s of volume b is row b·S + s. A new tensor (a view when no copy is needed); the caller owns it.</returns>
    public static Tensor ToSlices(Tensor volumes, VolumeAxis axis)
    {
        TensorGuard.Rank(volumes, 5, nameof(volumes));
        var order = axis switch
        {
            VolumeAxis.X => new long[] { 0, 2, 1, 3, 4 },
            VolumeAxis.Y => [0, 3, 1, 2, 4],
            VolumeAxis.Z => [0, 4, 1, 2, 3],
            _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "The axis must be X, Y or Z."),
        };
        var shape = volumes.shape;
        using var moved = volumes.permute(order);
        return moved.reshape(shape[0] * shape[(int)axis], shape[1], shape[order[3]], shape[order[4]]);
    }

    /// <summary>Stacks 2D slices back into volumes: the inverse of <see cref="ToSlices"/>.</summary>
    /// <param name="slices">[B·S, C, H, W] as <see cref="ToSlices"/> orders them.</param>
    /// <param name="batchSize">B, the number of volumes.</param>
    /// <param name="axis">The axis the slices were cut along.</param>
    /// <returns>[B, C, X, Y, Z], contiguous; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The slice count is not a multiple of <paramref name="batchSize"/>.</exception>
    public static Tensor FromSlices(Tensor slices, long batchSize, VolumeAxis axis)
    {
        TensorGuard.Rank(slices, 4, nameof(slices));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var shape = slices.shape;
        if (shape[0] % batchSize != 0)
        {
            throw new ArgumentException(
                $"'{nameof(slices)}' holds {shape[0]} slices, not a multiple of the batch size {batchSize}; got shape {TensorGuard.Format(shape)}.", nameof(slices));
        }

        var inverse = axis switch
        {
            VolumeAxis.X => new long[] { 0, 2, 1, 3, 4 },
            VolumeAxis.Y => [0, 2, 3, 1, 4],
            VolumeAxis.Z => [0, 2, 3, 4, 1],
            _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "The axis must be X, Y or Z."),
        };
        using var grouped = slices.reshape(batchSize, shape[0] / batchSize, shape[1], shape[2], shape[3]);
        using var moved = grouped.permute(inverse);
        return moved.contiguous();
    }

    /// <summary>Segments volumes slice by slice along <paramref name="axis"/>, <paramref name="slicesPerForward"/>
    /// slices (of every volume) per forward pass, and stacks the logits back into volumes.</summary>
    /// <param name="volumes">[B, <see cref="ResidualUNet.InputChannels"/>, X, Y, Z], any extents. For inference, switch to
    /// <c>eval()</c> and wrap the call in <c>torch.inference_mode()</c>; with autograd on, the graph of every chunk is kept.</param>
    /// <param name="axis">The axis to slice along (the one the network was trained on).</param>
    /// <param name="slicesPerForward">Slices per volume in one forward pass (the batch is B times that); bounds the
    /// memory of the activations.</param>
    /// <returns>Logits [B, <see cref="ResidualUNet.OutputChannels"/>, X, Y, Z]; the caller owns them.</returns>
    public Tensor PredictVolume(Tensor volumes, VolumeAxis axis = VolumeAxis.Z, int slicesPerForward = 32)
    {
        TensorGuard.Rank(volumes, 5, nameof(volumes));
        TensorGuard.Dimension(volumes, 1, InputChannels, nameof(volumes));
        ArgumentOutOfRangeException.ThrowIfLessThan(slicesPerForward, 1);
        if (axis is not (VolumeAxis.X or VolumeAxis.Y or VolumeAxis.Z))
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "The axis must be X, Y or Z.");
        }

        var dim = (long)axis;
        var shape = volumes.shape;
        var outputShape = (long[])shape.Clone();
        outputShape[1] = OutputChannels;
        var output = torch.empty(outputShape, dtype: volumes.dtype, device: volumes.device);
        try
        {
            for (long start = 0; start < shape[dim]; start += slicesPerForward)
            {
                using var scope = torch.NewDisposeScope();
                var length = Math.Min(slicesPerForward, shape[dim] - start);
                var chunk = volumes.narrow(dim, start, length);
                var slices = ToSlices(chunk, axis);
                var logits = call(slices);
                var stacked = FromSlices(logits, shape[0], axis);
                output.narrow(dim, start, length).copy_(stacked);
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }

        return output;
    }
}
