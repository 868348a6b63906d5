// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>
/// A volume in the SDK layout seen as <c>[Outer, N, Inner]</c> for one axis: <c>N</c> samples along the axis, rows of
/// <c>Inner</c> contiguous values per sample. Separable filters then work on whole rows (x: [1, X, Y·Z], y: [X, Y, Z],
/// z: [X·Y, Z, 1]).
/// </summary>
internal readonly record struct AxisLayout(int Outer, int N, int Inner)
{
    /// <summary>Gets the layout of axis 0 (x), 1 (y) or 2 (z) of <paramref name="shape"/>.</summary>
    public static AxisLayout Of(VolumeShape shape, int axis) => axis switch
    {
        0 => new AxisLayout(1, shape.X, shape.Y * shape.Z),
        1 => new AxisLayout(shape.X, shape.Y, shape.Z),
        2 => new AxisLayout(shape.X * shape.Y, shape.Z, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "Axis must be 0 (x), 1 (y) or 2 (z)."),
    };

    /// <summary>Gets the offset of row <paramref name="i"/> (along the axis) of block <paramref name="outer"/>.</summary>
    public int RowStart(int outer, int i) => ((outer * N) + i) * Inner;
}
