// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>Parses and prints the full-resolution grid sizes of the sweep: "128" (a cube) or "256x256x160".</summary>
internal static class GridSize
{
    /// <summary>Parses "N" or "XxYxZ" (× also accepted).</summary>
    /// <exception cref="ArgumentException">Not a size.</exception>
    public static VolumeShape Parse(string text)
    {
        var parts = text.Trim().Split(['x', 'X', '×'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1)
            {
                throw new ArgumentException($"'{text}' is not a grid size: use N (a cube) or XxYxZ with positive integers.", nameof(text));
            }
        }

        return values.Length switch
        {
            1 => new VolumeShape(values[0], values[0], values[0]),
            3 => new VolumeShape(values[0], values[1], values[2]),
            _ => throw new ArgumentException($"'{text}' is not a grid size: use N (a cube) or XxYxZ.", nameof(text)),
        };
    }

    /// <summary>Gets the command-line form, e.g. "256x256x160".</summary>
    public static string Format(VolumeShape shape) => string.Create(CultureInfo.InvariantCulture, $"{shape.X}x{shape.Y}x{shape.Z}");

    /// <summary>Gets the report form: "128³" for cubes, else "256×256×160".</summary>
    public static string Display(VolumeShape shape) =>
        shape.X == shape.Y && shape.Y == shape.Z
            ? string.Create(CultureInfo.InvariantCulture, $"{shape.X}³")
            : string.Create(CultureInfo.InvariantCulture, $"{shape.X}×{shape.Y}×{shape.Z}");
}
