// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Sampling;

/// <summary>Draws points uniformly over the grid, with replacement (the reference's <c>--uniform_sampling</c>, used by every BraTS run).</summary>
/// <remarks>
/// By default each coordinate is <c>floor(U[0, 1) · (S − 1))</c> as in the reference, so the last index of each axis
/// is never drawn; <see cref="PointSamplerOptions.IncludeLastIndex"/> covers the whole grid instead.
/// </remarks>
public sealed class UniformPointSampler : IPointSampler
{
    private readonly PointSamplerOptions _options;
    private readonly SeededGenerator _generator;

    /// <summary>Initializes a new sampler.</summary>
    /// <param name="options">The options; null uses the defaults (16,384 points, reference bounds, unseeded). They are copied.</param>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public UniformPointSampler(PointSamplerOptions? options = null)
    {
        options ??= new PointSamplerOptions();
        options.Validate();
        _options = new PointSamplerOptions { PointCount = options.PointCount, IncludeLastIndex = options.IncludeLastIndex, Seed = options.Seed };
        _generator = new SeededGenerator(options.Seed);
    }

    /// <inheritdoc />
    public int PointCount => _options.PointCount;

    /// <inheritdoc />
    public PointSet Sample(PointSamplingContext context, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _generator.Draw(random, r =>
        {
            var coordinates = new int[3 * PointCount];
            PointDraws.Uniform(coordinates, context.Shape, _options.IncludeLastIndex, r);
            return SampledPoints.Create(context, coordinates);
        });
    }
}
