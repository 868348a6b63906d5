// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>The output of <see cref="IVolumeTransform.Apply"/>: the transformed case and the way back to the input grid.</summary>
/// <param name="Case">The transformed case (image, label and metadata).</param>
/// <param name="Step">Maps label maps and probability volumes on <paramref name="Case"/>'s grid back onto the input grid.</param>
public sealed record TransformResult(VolumeCase Case, GeometryStep Step)
{
    /// <summary>Maps a label map (e.g. a predicted mask) on the transformed grid back onto the input grid.</summary>
    /// <remarks>Shorthand for <c>Step.InvertLabels(labels)</c>.</remarks>
    public LabelVolume MapLabelsBack(LabelVolume labels) => Step.InvertLabels(labels);

    /// <summary>Maps a float volume (e.g. foreground probabilities) on the transformed grid back onto the input grid.</summary>
    /// <remarks>Shorthand for <c>Step.InvertProbabilities(probabilities)</c>.</remarks>
    public Volume MapProbabilitiesBack(Volume probabilities) => Step.InvertProbabilities(probabilities);
}
