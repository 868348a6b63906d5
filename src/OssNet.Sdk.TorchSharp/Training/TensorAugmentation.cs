// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>The reference's training augmentation (see docs/guides/training.md) on [C, X, Y, Z] tensors, driven by a seeded <see cref="Random"/>.</summary>
/// <remarks>
/// Each of the three runs with probability 0.5: a flip of a random non-empty subset of the in-plane axes X and Y (image and
/// label alike); per channel <c>x ← x + max(x)·u</c>, u ~ U(−0.15, 0.15); per channel Gaussian noise N(0, 0.15²). The reference
/// augments before zero-padding; here the prepared (padded) volume is augmented, so the padding band also receives the shift
/// and the noise (a documented deviation; it keeps preparation cacheable).
/// </remarks>
internal static class TensorAugmentation
{
    /// <summary>Returns the in-plane axes (1 = X, 2 = Y of a [C, X, Y, Z] tensor) to flip; empty for no flip.</summary>
    public static long[] DrawFlips(Random random)
    {
        if (random.NextDouble() >= 0.5)
        {
            return [];
        }

        return random.Next(3) switch
        {
            0 => [1],
            1 => [2],
            _ => [1, 2],
        };
    }

    /// <summary>Applies the intensity augmentations to <paramref name="volume"/> ([C, X, Y, Z]); returns a new tensor.</summary>
    public static Tensor Intensity(Tensor volume, Random random, Generator generator)
    {
        var x = volume;
        var channels = volume.shape[0];
        if (random.NextDouble() < 0.5)
        {
            var shifts = new float[channels];
            for (var c = 0; c < channels; c++)
            {
                shifts[c] = (float)((random.NextDouble() * 0.3) - 0.15);
            }

            var maxima = x.amax([1, 2, 3], keepdim: true);
            x = x + (maxima * torch.tensor(shifts, device: x.device).reshape(channels, 1, 1, 1));
        }

        if (random.NextDouble() < 0.5)
        {
            x = x + (0.15f * torch.randn(x.shape, generator: generator).to(x.device));
        }

        return ReferenceEquals(x, volume) ? volume.alias() : x;
    }
}
