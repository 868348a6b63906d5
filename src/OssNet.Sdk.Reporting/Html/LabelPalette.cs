// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>The overlay colour of each class: saturated hues that stand out on a grey scan and from each other.</summary>
internal static class LabelPalette
{
    // Class 1 is red, class 2 teal, class 3 gold, …; none is grey or white (the scan and the crosshair).
    private static readonly (byte R, byte G, byte B)[] s_colors =
    [
        (255, 77, 79), (19, 194, 194), (250, 173, 20), (146, 84, 222),
        (82, 196, 26), (47, 128, 237), (235, 47, 150), (250, 140, 22),
    ];

    /// <summary>The colour of class <paramref name="classIndex"/> (1-based foreground classes; the palette repeats).</summary>
    public static (byte R, byte G, byte B) ColorOf(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classIndex, 1);
        return s_colors[(classIndex - 1) % s_colors.Length];
    }

    /// <summary>The colour of a class as [r, g, b] (0..255), for the viewer's colour map.</summary>
    public static int[] RgbOf(int classIndex)
    {
        var (r, g, b) = ColorOf(classIndex);
        return [r, g, b];
    }

    /// <summary>The colour of a class as CSS hex, e.g. <c>#ff4d4f</c>.</summary>
    public static string HexOf(int classIndex)
    {
        var (r, g, b) = ColorOf(classIndex);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }
}
