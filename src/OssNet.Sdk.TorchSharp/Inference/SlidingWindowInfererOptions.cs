// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>Options of <see cref="SlidingWindowInferer"/>.</summary>
public sealed class SlidingWindowInfererOptions
{
    /// <summary>Gets or sets the window size (X, Y, Z) in voxels; null runs the whole volume in one window.</summary>
    /// <value>The default value is null (whole volume). Sizes larger than the volume are clipped to it.</value>
    public (int X, int Y, int Z)? WindowShape { get; set; }

    /// <summary>Gets or sets the fraction by which neighbouring windows overlap.</summary>
    /// <value>The default value is 0.25. Valid range [0, 0.9].</value>
    public double Overlap { get; set; } = 0.25;

    /// <summary>Gets or sets a value indicating whether overlapping windows are blended with Gaussian weights (σ = ⅛ window) instead of equal weights.</summary>
    /// <value>The default value is true: window borders, which see less context, count less.</value>
    public bool GaussianBlending { get; set; } = true;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        if (WindowShape is { } w && (w.X < 1 || w.Y < 1 || w.Z < 1))
        {
            throw new ArgumentException($"WindowShape {w} must be positive along every axis.", nameof(WindowShape));
        }

        if (!(Overlap >= 0 && Overlap <= 0.9))
        {
            throw new ArgumentException($"Overlap = {Overlap} is outside [0, 0.9].", nameof(Overlap));
        }
    }
}
