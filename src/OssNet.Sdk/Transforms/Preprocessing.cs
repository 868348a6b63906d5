// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>The reference preprocessing of the two datasets as ready-made pipelines (see docs/transforms.md and docs/guides/training.md).</summary>
/// <remarks>
/// The encoder's 2× downscaled copy of the volume is not part of these pipelines: it belongs to the model's input
/// (use <see cref="DownscaleByTwo"/>). Reorientation is not either: the reference feeds the arrays as nibabel loads them.
/// </remarks>
public static class Preprocessing
{
    /// <summary>Gets the BraTS 2020 grid after padding, 256×256×160.</summary>
    public static VolumeShape BraTs2020PaddedShape { get; } = new(256, 256, 160);

    /// <summary>Gets the default LiTS cube edge, 512 voxels.</summary>
    public const int LiTsDefaultCubeSize = 512;

    /// <summary>
    /// BraTS 2020: per-modality z-score over the whole volume (background included, unbiased std) → [augmentation] → zero
    /// padding to 256×256×160 (240×240×155 gets 8/8, 8/8, 3/2 voxels).
    /// </summary>
    /// <param name="augmentation">Training augmentation, inserted after normalisation and before padding as in the
    /// reference; null (the default) for validation and inference.</param>
    public static PreprocessingPipeline BraTs2020(AugmentationOptions? augmentation = null)
    {
        var transforms = new List<IVolumeTransform> { new ZScoreNormalization() };
        if (augmentation is not null)
        {
            transforms.AddRange(augmentation.CreateTransforms());
        }

        transforms.Add(new PadOrCropToShape(BraTs2020PaddedShape, padValue: 0));
        return new PreprocessingPipeline(transforms);
    }

    /// <summary>
    /// LiTS: z-score of the raw CT (no HU windowing) → [augmentation] → trilinear resize to a cube (default 512³) with the
    /// labels resized by PyTorch's legacy nearest rule, as the reference does.
    /// </summary>
    /// <param name="cubeSize">Edge of the output cube in voxels; default 512. Smaller cubes suit CPU experiments.</param>
    /// <param name="augmentation">Training augmentation (after normalisation, before resizing); null for inference.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cubeSize"/> is not positive.</exception>
    public static PreprocessingPipeline LiTs(int cubeSize = LiTsDefaultCubeSize, AugmentationOptions? augmentation = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cubeSize, 1);
        var transforms = new List<IVolumeTransform> { new ZScoreNormalization() };
        if (augmentation is not null)
        {
            transforms.AddRange(augmentation.CreateTransforms());
        }

        transforms.Add(new ResampleToShape(new VolumeShape(cubeSize, cubeSize, cubeSize), LabelInterpolation.NearestPyTorchLegacy));
        return new PreprocessingPipeline(transforms);
    }
}
