// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>Argument checks shared by the metrics.</summary>
internal static class MetricGuard
{
    // Spacings read from float32 headers may differ from double ones in the last bits; anything larger is a real mismatch.
    private const double RelativeSpacingTolerance = 1e-5;

    /// <summary>Throws unless both masks lie on the same grid (shape and spacing); the message prints both.</summary>
    public static void EnsureSameGrid(LabelVolume prediction, LabelVolume reference)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(reference);
        if (prediction.Shape != reference.Shape || !SameSpacing(prediction.Geometry.Spacing, reference.Geometry.Spacing))
        {
            throw new ArgumentException(
                $"The prediction ({Describe(prediction.Geometry)}) and the reference ({Describe(reference.Geometry)}) must lie on the same grid.",
                nameof(prediction));
        }
    }

    private static bool SameSpacing((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
        Close(a.X, b.X) && Close(a.Y, b.Y) && Close(a.Z, b.Z);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= RelativeSpacingTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    private static string Describe(VolumeGeometry geometry) =>
        string.Create(CultureInfo.InvariantCulture, $"{geometry.Shape} voxels, spacing {geometry.Spacing.X:G6}×{geometry.Spacing.Y:G6}×{geometry.Spacing.Z:G6} mm");
}
