// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;

namespace OssNet.Sdk.Sampling;

/// <summary>Options shared by the point samplers; <see cref="UniformPointSampler"/> uses exactly these.</summary>
public class PointSamplerOptions
{
    /// <summary>Gets or sets the number of points per call.</summary>
    /// <value>The default value is 16,384 (2¹⁴, the reference's <c>--training_samples</c>).</value>
    [Range(1, int.MaxValue)]
    public int PointCount { get; set; } = PointSamplerDefaults.PointCount;

    /// <summary>Gets or sets a value indicating whether uniform draws can hit the last index of an axis.</summary>
    /// <value>
    /// The default value is false: as the reference, each coordinate is <c>floor(U[0, 1) · (S − 1))</c>, uniform over
    /// [0, S − 2], so the last slice of every axis is never drawn. True draws uniformly over [0, S − 1].
    /// </value>
    public bool IncludeLastIndex { get; set; }

    /// <summary>Gets or sets the seed of the sampler's own generator (used when no <see cref="Random"/> is passed per call).</summary>
    /// <value>The default value is null: a non-deterministic seed. Set it for reproducible sampling.</value>
    public int? Seed { get; set; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ValidationException">An option is invalid; the message names it.</exception>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
