// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>
/// Coarse-to-fine dense prediction from an occupancy function (reference <c>OSSNet.inference</c>, see docs/guides/segmentation.md).
/// </summary>
/// <remarks>
/// <para>Stage 1 queries the stride-s₀ lattice (optionally only where an encoder prior is true). Each later stage s dilates
/// the occupancy grid G with a 3^s box (stride 1) and queries the stride-s lattice voxels where the dilation differs from
/// G — voxels near occupied ones that are not occupied yet. Voxels never queried stay 0.</para>
/// <para>The box dilation is computed as three 1D max-pools (max is separable), which is exact and avoids a k³ window.
/// Queries are chunked at <see cref="MultiResolutionInfererOptions.MaxPointsPerForward"/>; each chunk runs in its own
/// dispose scope, so memory is bounded by the grid plus one chunk.</para>
/// </remarks>
public sealed class MultiResolutionOccupancyInferer
{
    private readonly MultiResolutionInfererOptions _options;

    /// <summary>Initializes a new inferer.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public MultiResolutionOccupancyInferer(MultiResolutionInfererOptions? options = null)
    {
        _options = options ?? new MultiResolutionInfererOptions();
        _options.Validate();
    }

    /// <summary>Gets the options.</summary>
    public MultiResolutionInfererOptions Options => _options;

    /// <summary>Runs the procedure on a grid of <paramref name="shape"/>.</summary>
    /// <param name="queryProbabilities">Maps [n, 3] int64 voxel coordinates (x, y, z) to [n] foreground probabilities (n ≤ MaxPointsPerForward).
    /// It must not keep or dispose its argument; its result is disposed by the inferer.</param>
    /// <param name="shape">The full-resolution grid (X, Y, Z).</param>
    /// <param name="device">Where the grid lives (the model's device).</param>
    /// <param name="firstStageMask">Optional encoder prior: a bool tensor over the first-stage lattice
    /// [⌈X/s₀⌉, ⌈Y/s₀⌉, ⌈Z/s₀⌉]; only its true points are queried in stage 1 (see docs/guides/segmentation.md).</param>
    /// <param name="keepProbabilities">Whether to return the probabilities of queried voxels.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The occupancy grid; the caller owns it.</returns>
    public OccupancyInferenceResult Run(
        Func<Tensor, Tensor> queryProbabilities,
        (long X, long Y, long Z) shape,
        Device? device = null,
        Tensor? firstStageMask = null,
        bool keepProbabilities = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queryProbabilities);
        device ??= torch.CPU;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var grid = torch.zeros([shape.X, shape.Y, shape.Z], ScalarType.Float32, device);
        var probabilities = keepProbabilities ? torch.zeros([shape.X, shape.Y, shape.Z], ScalarType.Float32, device) : null;
        var pointsPerStage = new List<long>(_options.ResolutionStages.Count);

        for (var stage = 0; stage < _options.ResolutionStages.Count; stage++)
        {
            var stride = _options.ResolutionStages[stage];
            using var stageScope = torch.NewDisposeScope();
            var candidates = stage == 0
                ? FirstStageCandidates(shape, stride, device, firstStageMask)
                : RefinementCandidates(grid, stride);
            pointsPerStage.Add(candidates.shape[0]);
            Query(queryProbabilities, candidates, grid, probabilities, cancellationToken);
        }

        var occupancy = grid.to(ScalarType.Byte).MoveToOuterDisposeScope();
        probabilities?.MoveToOuterDisposeScope();
        return new OccupancyInferenceResult(occupancy, probabilities, pointsPerStage);
    }

    /// <summary>Gets the shape of the first-stage lattice for <paramref name="shape"/> (what an encoder prior must cover).</summary>
    public (long X, long Y, long Z) FirstStageLatticeShape((long X, long Y, long Z) shape)
    {
        var s = _options.ResolutionStages[0];
        return (CeilDiv(shape.X, s), CeilDiv(shape.Y, s), CeilDiv(shape.Z, s));
    }

    private Tensor FirstStageCandidates((long X, long Y, long Z) shape, int stride, Device device, Tensor? mask)
    {
        var lattice = FirstStageLatticeShape(shape);
        Tensor selected;
        if (mask is null)
        {
            selected = torch.ones([lattice.X, lattice.Y, lattice.Z], ScalarType.Bool, device);
        }
        else
        {
            if (mask.dim() != 3 || mask.shape[0] != lattice.X || mask.shape[1] != lattice.Y || mask.shape[2] != lattice.Z)
            {
                throw new ArgumentException(
                    $"The first-stage mask must be [{lattice.X}, {lattice.Y}, {lattice.Z}]; got [{string.Join(", ", mask.shape)}].", nameof(mask));
            }

            selected = mask.to(ScalarType.Bool).to(device);
        }

        return selected.nonzero() * stride;
    }

    private static Tensor RefinementCandidates(Tensor grid, int stride)
    {
        var kernel = (long)Math.Pow(3, stride);
        var dilated = Dilate(grid, kernel);
        var changed = dilated.ne(grid);
        if (stride > 1)
        {
            var step = TensorIndex.Slice(0, null, stride);
            changed = changed[step, step, step];
        }

        return changed.nonzero() * stride;
    }

    private static Tensor Dilate(Tensor grid, long kernel)
    {
        var padding = kernel / 2;
        var x = grid.unsqueeze(0).unsqueeze(0);
        x = nn.functional.max_pool3d(x, [kernel, 1, 1], [1, 1, 1], [padding, 0, 0]);
        x = nn.functional.max_pool3d(x, [1, kernel, 1], [1, 1, 1], [0, padding, 0]);
        x = nn.functional.max_pool3d(x, [1, 1, kernel], [1, 1, 1], [0, 0, padding]);
        return x.squeeze(0).squeeze(0);
    }

    private void Query(Func<Tensor, Tensor> queryProbabilities, Tensor candidates, Tensor grid, Tensor? probabilities, CancellationToken cancellationToken)
    {
        var total = candidates.shape[0];
        var threshold = _options.ThresholdProbability;
        for (long start = 0; start < total; start += _options.MaxPointsPerForward)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var chunkScope = torch.NewDisposeScope();
            var length = Math.Min(_options.MaxPointsPerForward, total - start);
            var chunk = candidates.narrow(0, start, length);
            var p = queryProbabilities(chunk).reshape(-1).to(ScalarType.Float32);
            if (p.shape[0] != length)
            {
                throw new InvalidOperationException($"The occupancy function returned {p.shape[0]} values for {length} points.");
            }

            var index = new[] { chunk[.., 0], chunk[.., 1], chunk[.., 2] };
            grid.index_put_(p.gt(threshold).to(ScalarType.Float32), index);
            probabilities?.index_put_(p, index);
        }
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
