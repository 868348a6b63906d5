// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Sampling;

/// <summary>
/// Draws a share of the points from the border band around the surface and the rest uniformly (the reference's
/// border-based sampling, used by every LiTS run).
/// </summary>
/// <remarks>
/// <para>As the reference: <c>k = (int)(BorderShare · N)</c> points are drawn <b>without replacement</b> from the band
/// voxels (<see cref="PointSamplingContext.BorderVoxelIndices"/>); if the band has no more than k voxels, all of them
/// are taken. The remaining points are uniform with replacement (same bounds as <see cref="UniformPointSampler"/>),
/// and the whole set is shuffled. A context without border voxels therefore yields uniform points.</para>
/// <para>Cost per call: O(N) — the band's index list is built once per case (in the context), and the
/// without-replacement draw is a partial Fisher–Yates shuffle over a virtual copy of it.</para>
/// </remarks>
public sealed class BorderFocusedPointSampler : IPointSampler
{
    private readonly BorderFocusedPointSamplerOptions _options;
    private readonly SeededGenerator _generator;

    /// <summary>Initializes a new sampler.</summary>
    /// <param name="options">The options; null uses the defaults (16,384 points, share 0.5, reference bounds, unseeded). They are copied.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public BorderFocusedPointSampler(BorderFocusedPointSamplerOptions? options = null)
    {
        options ??= new BorderFocusedPointSamplerOptions();
        options.Validate();
        _options = new BorderFocusedPointSamplerOptions
        {
            PointCount = options.PointCount,
            IncludeLastIndex = options.IncludeLastIndex,
            Seed = options.Seed,
            BorderShare = options.BorderShare,
        };
        _generator = new SeededGenerator(options.Seed);
    }

    /// <inheritdoc />
    public int PointCount => _options.PointCount;

    /// <summary>Gets the number of points drawn from the band when it is large enough: <c>(int)(BorderShare · PointCount)</c>.</summary>
    public int BorderPointCount => (int)(_options.BorderShare * _options.PointCount);

    /// <inheritdoc />
    public PointSet Sample(PointSamplingContext context, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _generator.Draw(random, r =>
        {
            var border = context.BorderVoxelIndices.Span;
            var fromBorder = Math.Min(BorderPointCount, border.Length);
            var coordinates = new int[3 * PointCount];
            PointDraws.WithoutReplacement(border, fromBorder, context.Shape, r, coordinates);
            PointDraws.Uniform(coordinates.AsSpan(3 * fromBorder), context.Shape, _options.IncludeLastIndex, r);
            PointDraws.ShufflePoints(coordinates, r);
            return SampledPoints.Create(context, coordinates);
        });
    }
}
