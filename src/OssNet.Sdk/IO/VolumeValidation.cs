// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Checks of loaded data that file parsing cannot make: non-finite voxels and image/label geometry agreement.</summary>
public static class VolumeValidation
{
    /// <summary>Counts the NaN and ±Inf values over all channels.</summary>
    public static long CountNonFinite(Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return VoxelConverter.CountNonFinite(volume.Voxels.Span);
    }

    /// <summary>Throws when any value is NaN or ±Inf, naming the first one.</summary>
    /// <param name="volume">The volume to check.</param>
    /// <param name="name">The file or case named in the exception.</param>
    /// <exception cref="InvalidVolumeException">A value is not finite.</exception>
    public static void EnsureFinite(Volume volume, string name)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var count = CountNonFinite(volume);
        if (count == 0)
        {
            return;
        }

        var span = volume.Voxels.Span;
        var first = 0;
        while (float.IsFinite(span[first]))
        {
            first++;
        }

        var shape = volume.Shape;
        var perChannel = (int)shape.VoxelCount;
        var c = first / perChannel;
        var rest = first % perChannel;
        var (x, y, z) = (rest / (shape.Y * shape.Z), rest / shape.Z % shape.Y, rest % shape.Z);
        throw new InvalidVolumeException(name,
            $"{count:N0} of {span.Length:N0} values are NaN or infinite (first: {span[first]} in channel {c} at voxel ({x}, {y}, {z})); " +
            "VolumeReadOptions.RejectNonFiniteVoxels is set");
    }

    /// <summary>Describes how two geometries differ, or returns null when they agree (same shape, affines within <paramref name="tolerance"/>).</summary>
    public static string? DescribeMismatch(VolumeGeometry expected, VolumeGeometry actual, double tolerance = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.Shape != actual.Shape)
        {
            return $"shape {actual.Shape} differs from {expected.Shape}";
        }

        return expected.Affine.ApproximatelyEquals(actual.Affine, tolerance)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"affine {actual.Affine} differs from {expected.Affine} by more than {tolerance} mm");
    }

    /// <summary>
    /// Lists the problems of a case: a label whose shape or affine differs from the image's, and non-finite image
    /// values. An empty list means the case is consistent.
    /// </summary>
    public static IReadOnlyList<string> FindIssues(VolumeCase volumeCase, double tolerance = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(volumeCase);
        var issues = new List<string>();
        if (volumeCase.Label is not null && DescribeMismatch(volumeCase.Image.Geometry, volumeCase.Label.Geometry, tolerance) is { } mismatch)
        {
            issues.Add($"label {mismatch}");
        }

        var nonFinite = CountNonFinite(volumeCase.Image);
        if (nonFinite > 0)
        {
            issues.Add($"{nonFinite:N0} image values are NaN or infinite");
        }

        return issues;
    }
}
