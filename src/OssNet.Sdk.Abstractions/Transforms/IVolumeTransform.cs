// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// A preprocessing or augmentation step that turns a case (image and label together) into a new case and records how
/// its voxel grid relates to the input's, so a prediction made on the output grid can be mapped back.
/// </summary>
/// <remarks>
/// <para>Contract for implementations:</para>
/// <list type="bullet">
/// <item>The input case is never modified. The output gets new voxel buffers for everything the transform changes;
/// unchanged buffers (e.g. the label of an intensity transform) may be shared with the input.</item>
/// <item>Image and label are transformed together: any geometric change applied to the image is applied to the label
/// (with nearest-neighbour or another label-preserving rule), and both keep sharing one geometry.</item>
/// <item>The output geometry's affine is kept correct: each transform documents whether it preserves the world
/// position of every voxel (pad, crop, resampling, reorientation) or deliberately changes the content (augmentation).</item>
/// <item><see cref="TransformResult.Step"/> maps arrays on the output grid back onto the input grid. Intensity-only
/// transforms return <see cref="GeometryStep.Identity"/>.</item>
/// </list>
/// <para>Compose transforms with <c>OssNet.Sdk.Transforms.PreprocessingPipeline</c>, whose step chains the steps of
/// its parts (<see cref="GeometryChain"/>).</para>
/// </remarks>
public interface IVolumeTransform
{
    /// <summary>Gets a short description of the transform and its parameters, e.g. "PadOrCrop(256×256×160)".</summary>
    string Name { get; }

    /// <summary>Transforms <paramref name="input"/>.</summary>
    /// <param name="input">The case to transform; not modified.</param>
    /// <returns>The transformed case and the geometry step that maps its grid back onto the input's grid.</returns>
    /// <exception cref="ArgumentException">The case does not suit the transform (the message says why).</exception>
    TransformResult Apply(VolumeCase input);
}
