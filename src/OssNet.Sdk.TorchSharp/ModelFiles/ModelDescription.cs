// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Reflection;
using System.Text;
using OssNet.Sdk.Planning;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.ModelFiles;

/// <summary>
/// Everything needed to use a trained model besides its weights: the family and architecture, the classes, the
/// preprocessing (a <see cref="DatasetPlan"/> or a named pipeline), and how it was trained. Stored as <c>model.json</c> in a
/// model file (<see cref="ModelFile"/>), so <c>segment</c> and <c>evaluate</c> need nothing but the file.
/// </summary>
public sealed record ModelDescription
{
    /// <summary>The version of the model-file format this SDK writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Gets the model-file format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Gets the version of the SDK that wrote the file.</summary>
    public string SdkVersion { get; init; } = CurrentSdkVersion;

    /// <summary>Gets the model family.</summary>
    public required ModelFamily Family { get; init; }

    /// <summary>Gets the architecture of an occupancy model (<see cref="ModelFamily.OssNet"/>, <see cref="ModelFamily.ONet"/>).</summary>
    public OssNetOptions? OssNet { get; init; }

    /// <summary>Gets the architecture of a U-Net (<see cref="ModelFamily.UNet3D"/>, <see cref="ModelFamily.UNet2D"/>).</summary>
    public UNetOptions? UNet { get; init; }

    /// <summary>Gets how a U-Net predicts a volume (down-scaling, window, slice axis); null for occupancy models.</summary>
    public DenseInferenceSettings? Dense { get; init; }

    /// <summary>Gets the classes the model segments, with the label values masks are written with.</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>Gets the grid the model predicts on (the preprocessed volume's shape).</summary>
    public required VolumeShape Grid { get; init; }

    /// <summary>Gets the dataset plan whose pipeline prepares every input, or null when <see cref="Preprocessing"/> names one.</summary>
    public DatasetPlan? Plan { get; init; }

    /// <summary>Gets the name of a built-in pipeline (<see cref="PreprocessingPresets"/>) used when there is no <see cref="Plan"/>.</summary>
    public string? Preprocessing { get; init; }

    /// <summary>Gets how the model was trained, when it was trained by the SDK.</summary>
    public ModelTrainingSummary? Training { get; init; }

    /// <summary>Gets the informational version of this SDK (e.g. <c>0.1.0-preview</c>).</summary>
    public static string CurrentSdkVersion { get; } =
        typeof(ModelDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ModelDescription).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Gets a short name of the model, e.g. <c>OSS-Net C 'oss_net_c_128x128x128' (3 classes)</c>.</summary>
    public string ModelName => Family switch
    {
        ModelFamily.OssNet or ModelFamily.ONet => $"{ModelFamilies.NameOf(Family)} '{OssNet?.Name}' ({Labels.Count} classes)",
        _ => $"{ModelFamilies.NameOf(Family)} '{UNet?.Name}' ({Labels.Count} classes)",
    };

    /// <summary>Creates the preprocessing that takes any input case to <see cref="Grid"/>: the plan's pipeline or the named one.</summary>
    /// <returns>A new transform whose geometry steps map masks back onto the input's grid.</returns>
    public IVolumeTransform CreatePreprocessing() =>
        Plan?.CreatePipeline() ?? PreprocessingPresets.Create(Preprocessing ?? PreprocessingPresets.None, Grid);

    /// <summary>Checks that the description is complete and consistent.</summary>
    /// <param name="source">Names the file in the error.</param>
    /// <exception cref="InvalidModelFileException">What is missing or inconsistent.</exception>
    public void Validate(string source)
    {
        void Fail(string problem) => throw new InvalidModelFileException(source, problem);

        if (FormatVersion != CurrentFormatVersion)
        {
            Fail($"model-file format version {FormatVersion} is not supported by this SDK ({CurrentSdkVersion}, format {CurrentFormatVersion}).");
        }

        if (Family.IsOccupancy() != (OssNet is not null) || Family.IsOccupancy() == (UNet is not null))
        {
            Fail($"a '{ModelFamilies.NameOf(Family)}' model needs exactly the {(Family.IsOccupancy() ? "ossNet" : "uNet")} architecture.");
        }

        if (Plan is null && Preprocessing is null)
        {
            Fail("it names neither a plan nor a preprocessing pipeline.");
        }

        if (Plan is not null && Plan.GridShape != Grid)
        {
            Fail($"its plan prepares volumes on {Plan.GridShape}, but the model predicts on {Grid}.");
        }

        if (OssNet is not null && OssNet.FullResolutionShape != Grid)
        {
            Fail($"the architecture's grid {OssNet.FullResolutionShape} differs from the model grid {Grid}.");
        }

        var classes = OssNet?.Classes ?? UNet!.Classes;
        if (classes != Labels.Count)
        {
            Fail($"the architecture predicts {classes} classes, but {Labels.Count} labels are named ({Labels.Describe()}).");
        }
    }

    /// <summary>Describes the model in words: family, architecture, classes, preprocessing and training.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Model: {ModelName}, written by OssNet.Sdk {SdkVersion}.");
        if (OssNet is { } o)
        {
            text.AppendLine(inv, $"Architecture: {o.InputChannels} input channel(s), grid {o.FullResolutionShape}, encoder input {o.EncoderInputShape}, " +
                $"encoder channels [{string.Join(", ", o.EncoderChannels)}], latent size {o.LatentFeatures}, decoder widths [{string.Join(", ", o.DecoderWidths)}], " +
                $"patches: {(o.UseSmallPatches ? o.UseLargePatches ? "7³ + pooled 14³" : "7³" : "none")}, " +
                $"{(o.UseSkipEncoder ? "skip encoder" : "plain encoder")}{(o.UseLowResolutionHead ? " with low-resolution head" : string.Empty)}.");
        }

        if (UNet is { } u)
        {
            text.AppendLine(inv, $"Architecture: {u.SpatialDimensions}D residual U-Net, {u.InputChannels} input channel(s), depth {u.Depth}, base channels {u.BaseChannels}; grid {Grid}.");
        }

        text.AppendLine(inv, $"Classes: {Labels.Describe()}.");
        var preprocessing = Plan is not null ? "Preprocessing (the dataset plan):" : $"Preprocessing: the built-in pipeline '{Preprocessing}' onto {Grid}.";
        text.AppendLine(preprocessing);
        if (Plan is not null)
        {
            text.AppendLine(Plan.Describe().TrimEnd());
        }

        if (Training is { } t)
        {
            var stopped = t.StoppedByTimeBudget ? ", stopped by the time budget" : string.Empty;
            var validated = t.BestValidationDice is { } dice
                ? string.Create(inv, $", best validation Dice {dice:F3} (epoch {t.BestEpoch}, {t.ValidationCases} case(s))")
                : string.Empty;
            text.AppendLine(inv, $"Training: {t.Epochs} epoch(s) in {t.Minutes:F1} min on {t.TrainingCases} case(s) of '{t.Data}' (seed {t.Seed}, device {t.Device}){stopped}; final loss {t.FinalLoss:F4}{validated}.");
        }

        return text.ToString();
    }
}

/// <summary>How a U-Net predicts a volume.</summary>
/// <param name="Downscale">The factor the volume is down-scaled by before the network (1: full resolution).</param>
/// <param name="Window">The sliding window of the 3D U-Net, or null for the whole volume.</param>
/// <param name="SliceAxis">The axis the 2D U-Net slices along.</param>
public sealed record DenseInferenceSettings(int Downscale, VolumeShape? Window, VolumeAxis SliceAxis);

/// <summary>How a model was trained (written by <c>ossnet train</c>).</summary>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="FinalLoss">Mean training loss of the last epoch.</param>
/// <param name="BestValidationDice">Best mean validation Dice, when validated.</param>
/// <param name="BestEpoch">The epoch of <paramref name="BestValidationDice"/>.</param>
/// <param name="Minutes">Wall time of the training run.</param>
/// <param name="TrainingCases">Cases trained on.</param>
/// <param name="ValidationCases">Cases validated on.</param>
/// <param name="Data">The training data's location or name.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Device">The device it trained on.</param>
/// <param name="StoppedByTimeBudget">Whether the run ended because its time budget was used up.</param>
/// <param name="Finished">When training finished (UTC).</param>
public sealed record ModelTrainingSummary(
    int Epochs,
    double FinalLoss,
    double? BestValidationDice,
    int? BestEpoch,
    double Minutes,
    int TrainingCases,
    int ValidationCases,
    string Data,
    int Seed,
    string Device,
    bool StoppedByTimeBudget,
    DateTimeOffset Finished);
