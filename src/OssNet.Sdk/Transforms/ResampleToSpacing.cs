// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Resamples to a voxel spacing (millimetres): the output shape is <c>max(1, round(n · spacing / targetSpacing))</c> per
/// axis, then the volume is resampled exactly as <see cref="ResampleToShape"/> does (trilinear image, nearest labels).
/// </summary>
/// <remarks>
/// <para><b>Geometry:</b> the field of view (outer voxel edges) is kept, so the actual spacing is
/// <c>n · spacing / round(…)</c>: equal to the target when the extent is a whole number of target voxels, otherwise off by
/// the rounding (at most half a voxel over the whole extent). The output geometry's <c>Spacing</c> and affine carry the
/// actual values. Spacing is read from <see cref="VolumeGeometry.Spacing"/>.</para>
/// <para><b>Largest shape:</b> with <see cref="MaxShape"/>, a case whose shape at the target spacing would exceed it on any
/// axis is resampled, in the same single pass, to the largest shape with the same proportions that fits (as
/// <see cref="FitToGrid"/> shrinks), so a case larger than a model grid is interpolated once, not twice.</para>
/// <para><b>Inverse:</b> as <see cref="ResampleToShape"/>.</para>
/// </remarks>
public sealed class ResampleToSpacing : IVolumeTransform
{
    /// <summary>Initializes the transform.</summary>
    /// <param name="targetSpacing">Voxel size in millimetres along i, j, k; positive and finite.</param>
    /// <param name="labels">How labels are picked; default centre-aligned nearest neighbour.</param>
    /// <param name="maxShape">The largest output shape; a case that would be larger is shrunk to fit, keeping its proportions. Null: no limit.</param>
    public ResampleToSpacing((double X, double Y, double Z) targetSpacing, LabelInterpolation labels = LabelInterpolation.Nearest, VolumeShape? maxShape = null)
    {
        maxShape?.Validate();
        if (!(targetSpacing.X > 0 && targetSpacing.Y > 0 && targetSpacing.Z > 0 && double.IsFinite(targetSpacing.X + targetSpacing.Y + targetSpacing.Z)))
        {
            throw new ArgumentOutOfRangeException(nameof(targetSpacing), targetSpacing, "The target spacing must be positive and finite along every axis.");
        }

        if (!Enum.IsDefined(labels))
        {
            throw new ArgumentOutOfRangeException(nameof(labels), labels, "Unknown label interpolation.");
        }

        TargetSpacing = targetSpacing;
        Labels = labels;
        MaxShape = maxShape;
    }

    /// <summary>Gets the largest output shape (null: no limit).</summary>
    public VolumeShape? MaxShape { get; }

    /// <summary>Gets the requested voxel size in millimetres.</summary>
    public (double X, double Y, double Z) TargetSpacing { get; }

    /// <summary>Gets how labels are picked.</summary>
    public LabelInterpolation Labels { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"ResampleToSpacing(({TargetSpacing.X}, {TargetSpacing.Y}, {TargetSpacing.Z}) mm, labels={Labels}{(MaxShape is { } m ? $", within {m}" : string.Empty)})");

    /// <summary>Returns the output shape for a geometry: <c>max(1, round(n · spacing / target))</c> per axis, shrunk to fit <see cref="MaxShape"/>.</summary>
    public VolumeShape ShapeFor(VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var shape = new VolumeShape(
            Count(geometry.Shape.X, geometry.Spacing.X, TargetSpacing.X),
            Count(geometry.Shape.Y, geometry.Spacing.Y, TargetSpacing.Y),
            Count(geometry.Shape.Z, geometry.Spacing.Z, TargetSpacing.Z));
        return MaxShape is { } max ? FitToGrid.Shrink(shape, max) : shape;
    }

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        return ResampleToShape.Resample(input, ShapeFor(input.Image.Geometry), Labels, Name);
    }

    private static int Count(int n, double spacing, double target)
    {
        var count = Math.Round(n * spacing / target, MidpointRounding.AwayFromZero);
        if (count > int.MaxValue / 2)
        {
            throw new ArgumentException($"Resampling {n} voxels of {spacing} mm to {target} mm would need {count} voxels.", nameof(target));
        }

        return Math.Max(1, (int)count);
    }
}
