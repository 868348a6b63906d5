// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Steps;

/// <summary>Target index = source index + before (per axis; negative = cropped). Inverse: crop back, pad back with 0. Exact.</summary>
internal sealed class PadCropStep(VolumeGeometry source, VolumeGeometry target, (int X, int Y, int Z) before)
    : GeometryStep(source, target)
{
    /// <summary>Gets the voxels added before the source along each axis (negative: cropped).</summary>
    public (int X, int Y, int Z) Before { get; } = before;

    public override string Description =>
        $"pad/crop by ({Before.X}, {Before.Y}, {Before.Z}) before, " +
        $"({Target.Shape.X - Source.Shape.X - Before.X}, {Target.Shape.Y - Source.Shape.Y - Before.Y}, {Target.Shape.Z - Source.Shape.Z - Before.Z}) after";

    protected override LabelVolume InvertLabelsCore(LabelVolume labels) =>
        new(Source, RegionCopy.Shift<byte>(labels.Labels, Target.Shape, 1, Source.Shape, Negated, 0));

    protected override Volume InvertProbabilitiesCore(Volume probabilities) =>
        new(Source, probabilities.Channels, RegionCopy.Shift(probabilities.Voxels, Target.Shape, probabilities.Channels, Source.Shape, Negated, 0f));

    private (int X, int Y, int Z) Negated => (-Before.X, -Before.Y, -Before.Z);
}
