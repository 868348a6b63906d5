// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>The dense result of multi-resolution occupancy inference; owns its tensors.</summary>
public sealed class OccupancyInferenceResult : IDisposable
{
    internal OccupancyInferenceResult(Tensor occupancy, Tensor? probabilities, IReadOnlyList<long> pointsPerStage)
    {
        Occupancy = occupancy;
        Probabilities = probabilities;
        PointsPerStage = pointsPerStage;
    }

    /// <summary>Gets the class-index grid [X, Y, Z] (uint8): 0/1 occupancy for a binary model, 0..N−1 for N classes. Voxels never
    /// queried are 0.</summary>
    public Tensor Occupancy { get; }

    /// <summary>Gets the foreground probabilities [X, Y, Z] (float32) of the queried voxels (0 elsewhere), when requested: the
    /// occupancy probability (binary) or 1 − P(background) (several classes).</summary>
    public Tensor? Probabilities { get; }

    /// <summary>Gets the number of points queried in each stage.</summary>
    public IReadOnlyList<long> PointsPerStage { get; }

    /// <summary>Gets the total number of points queried.</summary>
    public long PointsQueried => PointsPerStage.Sum();

    /// <inheritdoc />
    public void Dispose()
    {
        Occupancy.Dispose();
        Probabilities?.Dispose();
    }
}
