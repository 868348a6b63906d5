// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>The step of a transform that moves no voxel: both mappings return a view with the source geometry.</summary>
internal sealed class IdentityGeometryStep(VolumeGeometry geometry) : GeometryStep(geometry, geometry)
{
    public override string Description => "identity";

    public override bool IsIdentity => true;

    protected override LabelVolume InvertLabelsCore(LabelVolume labels) =>
        ReferenceEquals(labels.Geometry, Source) ? labels : new LabelVolume(Source, labels.Labels);

    protected override Volume InvertProbabilitiesCore(Volume probabilities) =>
        ReferenceEquals(probabilities.Geometry, Source) ? probabilities : new Volume(Source, probabilities.Channels, probabilities.Voxels);
}
