// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>Options of <see cref="MultiResolutionOccupancyInferer"/> (reference: <c>OSSNet.inference</c>, see docs/guides/segmentation.md).</summary>
public sealed class MultiResolutionInfererOptions
{
    /// <summary>Gets or sets the lattice strides, coarse to fine; the last must be 1.</summary>
    /// <value>The default value is [4, 2, 1], as the reference. The dilation kernel of stage s is 3^s, so keep strides small.</value>
    public IReadOnlyList<int> ResolutionStages { get; set; } = [4, 2, 1];

    /// <summary>Gets or sets the probability above which a point is occupied (strictly greater).</summary>
    /// <value>The default value is 0.5.</value>
    public double ThresholdProbability { get; set; } = 0.5;

    /// <summary>Gets or sets the largest number of points passed to the model in one call.</summary>
    /// <value>The default value is 16384 (reference <c>max_coordinates = 2**14</c>). Lower it to bound memory.</value>
    public int MaxPointsPerForward { get; set; } = 16384;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        if (ResolutionStages is null || ResolutionStages.Count == 0)
        {
            throw new ArgumentException("ResolutionStages must list at least one stride.", nameof(ResolutionStages));
        }

        for (var i = 0; i < ResolutionStages.Count; i++)
        {
            if (ResolutionStages[i] < 1 || ResolutionStages[i] > 8)
            {
                throw new ArgumentException($"ResolutionStages[{i}] = {ResolutionStages[i]} is outside 1..8.", nameof(ResolutionStages));
            }

            if (i > 0 && ResolutionStages[i] >= ResolutionStages[i - 1])
            {
                throw new ArgumentException("ResolutionStages must decrease strictly (coarse to fine).", nameof(ResolutionStages));
            }
        }

        if (ResolutionStages[^1] != 1)
        {
            throw new ArgumentException("The last of ResolutionStages must be 1 (the full-resolution grid).", nameof(ResolutionStages));
        }

        if (!(ThresholdProbability > 0 && ThresholdProbability < 1))
        {
            throw new ArgumentException($"ThresholdProbability = {ThresholdProbability} is outside (0, 1).", nameof(ThresholdProbability));
        }

        if (MaxPointsPerForward < 1)
        {
            throw new ArgumentException($"MaxPointsPerForward = {MaxPointsPerForward} must be positive.", nameof(MaxPointsPerForward));
        }
    }
}
