// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Steps;

/// <summary>
/// An axis-aligned change of grid where source index = scale·target index + offset per axis (resampling, factor-2
/// downscale). The inverse resamples the target grid back onto the source grid through the inverse maps: labels with
/// centre-aligned nearest neighbour, float volumes trilinearly (clamped at the borders).
/// </summary>
internal sealed class AxisAlignedResampleStep(VolumeGeometry source, VolumeGeometry target, AxisMap x, AxisMap y, AxisMap z, string description)
    : GeometryStep(source, target)
{
    private readonly AxisMap _backX = x.Inverse();
    private readonly AxisMap _backY = y.Inverse();
    private readonly AxisMap _backZ = z.Inverse();

    public override string Description { get; } = description;

    protected override LabelVolume InvertLabelsCore(LabelVolume labels)
    {
        var s = Source.Shape;
        var t = Target.Shape;
        var voxels = Resampling.Nearest<byte>(
            labels.Labels, t, 1, s,
            AxisTable.NearestCentered(s.X, t.X, _backX),
            AxisTable.NearestCentered(s.Y, t.Y, _backY),
            AxisTable.NearestCentered(s.Z, t.Z, _backZ));
        return new LabelVolume(Source, voxels);
    }

    protected override Volume InvertProbabilitiesCore(Volume probabilities) =>
        new(Source, probabilities.Channels,
            Resampling.Trilinear(probabilities.Voxels, Target.Shape, probabilities.Channels, Source.Shape, _backX, _backY, _backZ));
}
