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

    /// <summary>Gets the binary occupancy grid [X, Y, Z] (uint8, 0/1). Voxels never queried are 0.</summary>
    public Tensor Occupancy { get; }

    /// <summary>Gets the probabilities [X, Y, Z] (float32) of the queried voxels (0 elsewhere), when requested.</summary>
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
