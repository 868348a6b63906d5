// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>The preprocessing a segmenter (or the <c>ossnet</c> tool) can name in options, and the pipelines they stand for.</summary>
/// <remarks>Every pipeline ends on the model's full-resolution grid; its geometry steps put masks back on the input's grid.</remarks>
public static class PreprocessingPresets
{
    /// <summary>BraTS 2020: per-channel z-score, zero padding to 256×256×160 (<see cref="Preprocessing.BraTs2020"/>).</summary>
    public const string BraTs2020 = "brats2020";

    /// <summary>LiTS: z-score, trilinear resize to the model's cube (<see cref="Preprocessing.LiTs"/>).</summary>
    public const string LiTs = "lits";

    /// <summary>Per-channel z-score, then zero padding (or centre cropping) to the model's grid; for volumes near that size (synthetic phantoms).</summary>
    public const string ZScorePad = "zscore-pad";

    /// <summary>Per-channel z-score, then trilinear resampling to the model's grid.</summary>
    public const string ZScoreResample = "zscore-resample";

    /// <summary>No preprocessing: inputs must already be on the model's grid.</summary>
    public const string None = "none";

    /// <summary>A transform given in code (e.g. <c>SegmenterBuilder.WithPreprocessing(IVolumeTransform)</c> in the dependency-injection package).</summary>
    public const string Custom = "custom";

    /// <summary>Gets the names that stand for built-in pipelines (every name but <see cref="Custom"/>).</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = [BraTs2020, LiTs, ZScorePad, ZScoreResample, None];

    /// <summary>Returns whether <paramref name="name"/> is a built-in name or <see cref="Custom"/> (case-insensitive).</summary>
    public static bool IsKnown(string? name) =>
        name is not null && (string.Equals(name, Custom, StringComparison.OrdinalIgnoreCase) || BuiltInNames.Contains(name, StringComparer.OrdinalIgnoreCase));

    /// <summary>Says why a built-in pipeline cannot feed a model whose grid is <paramref name="modelGrid"/>, or returns null when it can.</summary>
    /// <param name="name">A built-in name.</param>
    /// <param name="modelGrid">The model's full-resolution grid.</param>
    public static string? DescribeIncompatibility(string name, VolumeShape modelGrid)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            BraTs2020 when modelGrid != Preprocessing.BraTs2020PaddedShape =>
                $"'{BraTs2020}' pads to {Preprocessing.BraTs2020PaddedShape}, but the model's FullResolutionShape is {modelGrid}; use '{ZScorePad}' or '{ZScoreResample}'",
            LiTs when modelGrid.X != modelGrid.Y || modelGrid.Y != modelGrid.Z =>
                $"'{LiTs}' resizes to a cube, but the model's FullResolutionShape {modelGrid} is not one; use '{ZScoreResample}'",
            _ => null,
        };
    }

    /// <summary>Creates the pipeline a built-in name stands for, ending on <paramref name="modelGrid"/>.</summary>
    /// <param name="name">A built-in name (case-insensitive).</param>
    /// <param name="modelGrid">The model's full-resolution grid.</param>
    /// <returns>A new pipeline.</returns>
    /// <exception cref="ArgumentException">The name is unknown, is <see cref="Custom"/>, or does not fit the grid.</exception>
    public static PreprocessingPipeline Create(string name, VolumeShape modelGrid)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (DescribeIncompatibility(name, modelGrid) is { } problem)
        {
            throw new ArgumentException($"Preprocessing {problem}.", nameof(name));
        }

        return name.ToLowerInvariant() switch
        {
            BraTs2020 => Preprocessing.BraTs2020(),
            LiTs => Preprocessing.LiTs(modelGrid.X),
            ZScorePad => new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(modelGrid)),
            ZScoreResample => new PreprocessingPipeline(new ZScoreNormalization(), new ResampleToShape(modelGrid)),
            None => new PreprocessingPipeline(),
            _ => throw new ArgumentException(
                $"Preprocessing '{name}' is not a built-in pipeline; use one of {string.Join(", ", BuiltInNames)} (or give a transform in code).", nameof(name)),
        };
    }
}
