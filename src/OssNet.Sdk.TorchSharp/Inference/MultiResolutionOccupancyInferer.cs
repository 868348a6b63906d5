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
/// <para><b>Several classes</b> (<see cref="RunMultiClass"/>): each query takes the argmax class, and a later stage queries the
/// stride-s voxels whose 3^s box holds a foreground class other than their own (the union over classes c ≥ 1 of
/// "dilated (G = c) and G ≠ c"). With one foreground class this is exactly the binary rule above, which is how
/// <see cref="Run"/> computes it. Voxels never queried stay 0 (background).</para>
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
        var threshold = _options.ThresholdProbability;
        return RunStages(
            points =>
            {
                var p = queryProbabilities(points).reshape(-1).to(ScalarType.Float32);
                return (p.gt(threshold), p);
            },
            classes: 2,
            shape,
            device,
            firstStageMask,
            keepProbabilities,
            cancellationToken);
    }

    /// <summary>Runs the procedure for a model with <paramref name="classes"/> classes: each point gets its argmax class
    /// (<see cref="MultiResolutionInfererOptions.ThresholdProbability"/> is not used).</summary>
    /// <param name="queryClassProbabilities">Maps [n, 3] int64 voxel coordinates to [n, <paramref name="classes"/>] class
    /// probabilities (n ≤ MaxPointsPerForward), e.g. a softmax. It must not keep or dispose its argument; its result is
    /// disposed by the inferer.</param>
    /// <param name="classes">The class count, background (class 0) included; at least 2.</param>
    /// <param name="shape">The full-resolution grid (X, Y, Z).</param>
    /// <param name="device">Where the grid lives (the model's device).</param>
    /// <param name="firstStageMask">Optional encoder prior over the first-stage lattice (see <see cref="EncoderPrior"/>).</param>
    /// <param name="keepProbabilities">Whether to return the foreground probabilities 1 − P(background) of queried voxels.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The class-index grid; the caller owns it.</returns>
    public OccupancyInferenceResult RunMultiClass(
        Func<Tensor, Tensor> queryClassProbabilities,
        int classes,
        (long X, long Y, long Z) shape,
        Device? device = null,
        Tensor? firstStageMask = null,
        bool keepProbabilities = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queryClassProbabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 256);
        return RunStages(
            points =>
            {
                var p = queryClassProbabilities(points);
                if (p.dim() != 2 || p.shape[1] != classes)
                {
                    throw new InvalidOperationException(
                        $"The class-probability function must return [n, {classes}]; got [{string.Join(", ", p.shape)}].");
                }

                return (p.argmax(1), 1 - p[.., 0].to(ScalarType.Float32));
            },
            classes,
            shape,
            device,
            firstStageMask,
            keepProbabilities,
            cancellationToken);
    }

    /// <summary>Gets the shape of the first-stage lattice for <paramref name="shape"/> (what an encoder prior must cover).</summary>
    public (long X, long Y, long Z) FirstStageLatticeShape((long X, long Y, long Z) shape)
    {
        var s = _options.ResolutionStages[0];
        return (CeilDiv(shape.X, s), CeilDiv(shape.Y, s), CeilDiv(shape.Z, s));
    }

    private OccupancyInferenceResult RunStages(
        Func<Tensor, (Tensor Classes, Tensor Foreground)> classify,
        int classes,
        (long X, long Y, long Z) shape,
        Device? device,
        Tensor? firstStageMask,
        bool keepProbabilities,
        CancellationToken cancellationToken)
    {
        device ??= torch.CPU;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var grid = torch.zeros([shape.X, shape.Y, shape.Z], ScalarType.Byte, device);
        var probabilities = keepProbabilities ? torch.zeros([shape.X, shape.Y, shape.Z], ScalarType.Float32, device) : null;
        var pointsPerStage = new List<long>(_options.ResolutionStages.Count);

        for (var stage = 0; stage < _options.ResolutionStages.Count; stage++)
        {
            var stride = _options.ResolutionStages[stage];
            using var stageScope = torch.NewDisposeScope();
            var candidates = stage == 0
                ? FirstStageCandidates(shape, stride, device, firstStageMask)
                : RefinementCandidates(grid, classes, stride);
            pointsPerStage.Add(candidates.shape[0]);
            Query(classify, candidates, grid, probabilities, cancellationToken);
        }

        var occupancy = grid.MoveToOuterDisposeScope();
        probabilities?.MoveToOuterDisposeScope();
        return new OccupancyInferenceResult(occupancy, probabilities, pointsPerStage);
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

    // Voxels whose 3^s box holds a foreground class other than their own; binary: dilate(G) ≠ G, the reference's rule.
    private static Tensor RefinementCandidates(Tensor grid, int classes, int stride)
    {
        var kernel = (long)Math.Pow(3, stride);
        Tensor NearOtherClass(int c)
        {
            var isClass = grid.eq(c);
            return Dilate(isClass.to(ScalarType.Float32), kernel).gt(0).logical_and(isClass.logical_not());
        }

        var changed = NearOtherClass(1);
        for (var c = 2; c < classes; c++)
        {
            changed = changed.logical_or(NearOtherClass(c));
        }

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

    private void Query(
        Func<Tensor, (Tensor Classes, Tensor Foreground)> classify, Tensor candidates, Tensor grid, Tensor? probabilities, CancellationToken cancellationToken)
    {
        var total = candidates.shape[0];
        for (long start = 0; start < total; start += _options.MaxPointsPerForward)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var chunkScope = torch.NewDisposeScope();
            var length = Math.Min(_options.MaxPointsPerForward, total - start);
            var chunk = candidates.narrow(0, start, length);
            var (classes, foreground) = classify(chunk);
            if (classes.shape[0] != length)
            {
                throw new InvalidOperationException($"The occupancy function returned {classes.shape[0]} values for {length} points.");
            }

            var index = new[] { chunk[.., 0], chunk[.., 1], chunk[.., 2] };
            grid.index_put_(classes.to(ScalarType.Byte), index);
            probabilities?.index_put_(foreground, index);
        }
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
