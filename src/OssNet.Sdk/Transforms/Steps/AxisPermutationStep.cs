// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Steps;

/// <summary>An exact axis permutation/flip (reorientation, mirror augmentation); the inverse permutation undoes it exactly.</summary>
internal sealed class AxisPermutationStep(VolumeGeometry source, VolumeGeometry target, AxisPermutation permutation, string description)
    : GeometryStep(source, target)
{
    private readonly AxisPermutation _inverse = permutation.Inverse();

    public override string Description { get; } = description;

    protected override LabelVolume InvertLabelsCore(LabelVolume labels) =>
        new(Source, _inverse.Apply<byte>(labels.Labels, Target.Shape, 1));

    protected override Volume InvertProbabilitiesCore(Volume probabilities) =>
        new(Source, probabilities.Channels, _inverse.Apply<float>(probabilities.Voxels, Target.Shape, probabilities.Channels));
}
