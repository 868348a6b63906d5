// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Brings a case onto a fixed model grid without losing any of it: a case that fits is zero-padded symmetrically
/// (centred); a case larger than the grid along any axis is first resampled down by one factor on all axes (keeping its
/// proportions) until it fits, then padded. Nothing is ever cropped.
/// </summary>
/// <remarks>
/// <para>The shrink factor is <c>s = max(n / grid)</c> over the axes; the shrunk shape is <c>min(grid, max(1, round(n / s)))</c>,
/// resampled as <see cref="ResampleToShape"/> does (trilinear image, nearest labels). Padding follows
/// <see cref="PadOrCropToShape"/> (ceil(d/2) before, floor(d/2) after).</para>
/// <para><b>Inverse:</b> crop the padding back (exact), then, for a shrunk case, resample back to its size (nearest for labels).</para>
/// </remarks>
public sealed class FitToGrid : IVolumeTransform
{
    private readonly PadOrCropToShape _pad;

    /// <summary>Initializes the transform.</summary>
    /// <param name="grid">The output shape.</param>
    /// <param name="padValue">Image value of padded voxels; default 0.</param>
    public FitToGrid(VolumeShape grid, float padValue = 0)
    {
        _pad = new PadOrCropToShape(grid, padValue);
        Grid = grid;
    }

    /// <summary>Gets the output shape.</summary>
    public VolumeShape Grid { get; }

    /// <inheritdoc />
    public string Name => $"FitToGrid({Grid}, pad={_pad.PadValue})";

    /// <summary>Returns the shape a case of <paramref name="shape"/> is resampled to before padding: itself when it fits.</summary>
    public VolumeShape FittedShapeOf(VolumeShape shape)
    {
        shape.Validate();
        return Shrink(shape, Grid);
    }

    /// <summary>The largest shape with the proportions of <paramref name="shape"/> that fits <paramref name="grid"/> (itself when it fits).</summary>
    internal static VolumeShape Shrink(VolumeShape shape, VolumeShape grid)
    {
        var scale = Math.Max(Math.Max((double)shape.X / grid.X, (double)shape.Y / grid.Y), (double)shape.Z / grid.Z);
        return scale <= 1 ? shape : new VolumeShape(Axis(shape.X, grid.X), Axis(shape.Y, grid.Y), Axis(shape.Z, grid.Z));

        int Axis(int n, int limit) => Math.Min(limit, Math.Max(1, (int)Math.Round(n / scale, MidpointRounding.AwayFromZero)));
    }

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var fitted = FittedShapeOf(input.Image.Shape);
        if (fitted == input.Image.Shape)
        {
            return _pad.Apply(input);
        }

        var shrunk = ResampleToShape.Resample(input, fitted, LabelInterpolation.Nearest, $"shrink {input.Image.Shape} → {fitted} to fit {Grid}");
        var padded = _pad.Apply(shrunk.Case);
        return new TransformResult(padded.Case, new GeometryChain(input.Image.Geometry, [shrunk.Step, padded.Step]));
    }
}
