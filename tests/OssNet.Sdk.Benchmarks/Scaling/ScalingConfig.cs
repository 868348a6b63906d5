// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>One configuration of the sweep, as a child process runs it.</summary>
/// <param name="Model">A <see cref="ScalingModel"/> name.</param>
/// <param name="Grid">The full-resolution grid.</param>
/// <param name="Mode">A <see cref="ScalingMode"/> name.</param>
/// <param name="Tiny">Whether to use the tiny presets (smoke runs).</param>
/// <param name="Points">Points per training step of occupancy models.</param>
/// <param name="Slices">Slices (along Z) per 2D U-Net training step and per inference forward pass.</param>
/// <param name="Seed">Seed of the data, the weights and the point sampling.</param>
internal sealed record ScalingConfig(string Model, VolumeShape Grid, string Mode, bool Tiny, int Points, int Slices, int Seed)
{
    /// <summary>The reference's points per volume per training step (2^14).</summary>
    public const int DefaultPoints = 16384;

    /// <summary>Slices of the 2D U-Net per step: a fixed batch (the reference's collate draws a number of slices per volume;
    /// all 160 BraTS slices at once would need ~50 GB).</summary>
    public const int DefaultSlices = 16;

    /// <summary>Gets the arguments of the <c>scaling-child</c> command that runs this configuration.</summary>
    public IReadOnlyList<string> ToChildArguments()
    {
        var arguments = new List<string>
        {
            "scaling-child", Model, GridSize.Format(Grid), Mode,
            "--points", Points.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--slices", Slices.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Tiny)
        {
            arguments.Add("--tiny");
        }

        return arguments;
    }
}
