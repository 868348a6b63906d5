// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.Volumes;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Encoders;

/// <summary>Shared construction and input checks of the convolutional encoders.</summary>
internal static class EncoderShapes
{
    /// <summary>The spatial size after <paramref name="stages"/> halvings (floored, as AvgPool3d does).</summary>
    /// <exception cref="ArgumentException">An extent would drop below 1.</exception>
    internal static VolumeShape AfterStages(VolumeShape input, int stages)
    {
        var factor = 1 << stages;
        if (input.X < factor || input.Y < factor || input.Z < factor)
        {
            throw new ArgumentException(
                $"An encoder input of {input} voxels is too small for {stages} stages: every extent must be at least 2^{stages} = {factor}.", nameof(input));
        }

        return new VolumeShape(input.X >> stages, input.Y >> stages, input.Z >> stages);
    }

    /// <summary>One residual stage per output channel count, chained from <paramref name="inputChannels"/>.</summary>
    internal static ResidualBlock3D[] Stages(long inputChannels, IReadOnlyList<long> stageChannels, double dropout, Func<Module<Tensor, Tensor>>? activationFactory)
    {
        var stages = new ResidualBlock3D[stageChannels.Count];
        var channels = inputChannels;
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = new ResidualBlock3D(channels, stageChannels[i], dropout, activationFactory);
            channels = stageChannels[i];
        }

        return stages;
    }

    /// <summary>Checks rank, channels and (when given) the spatial size of an encoder input.</summary>
    internal static void CheckInput(Tensor input, long channels, VolumeShape? expectedShape, string name)
    {
        TensorGuard.Rank(input, 5, name);
        TensorGuard.Dimension(input, 1, channels, name);
        if (expectedShape is { } shape && (input.shape[2] != shape.X || input.shape[3] != shape.Y || input.shape[4] != shape.Z))
        {
            throw new ArgumentException(
                $"'{name}' must have the spatial size {shape} the encoder was built for (its latent size depends on it); got shape {TensorGuard.Format(input.shape)}.",
                name);
        }
    }
}
