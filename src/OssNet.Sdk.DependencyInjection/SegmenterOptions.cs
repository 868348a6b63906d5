// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>
/// The options of one named segmenter (<c>AddSegmenter(name, …)</c>): which model, which weights, which device and which
/// preprocessing. Bound from the configuration section <c>OssNet:Segmenters:&lt;name&gt;</c>; validated at start-up.
/// </summary>
/// <remarks>
/// For the built-in <c>oss-net</c> family set exactly one of <see cref="Preset"/> and <see cref="Architecture"/>.
/// Values from configuration are applied after the ones set in code, so an appsettings file overrides compiled defaults.
/// </remarks>
public sealed class SegmenterOptions
{
    /// <summary>The family name of the built-in OSS-Net segmenter.</summary>
    public const string OssNetFamily = "oss-net";

    /// <summary>The family name of segmenters built from a model file (<see cref="ModelPath"/>); every model family can be read.</summary>
    public const string ModelFileFamily = "model-file";

    /// <summary>The family name of the built-in residual 3D U-Net segmenter.</summary>
    public const string UNet3DFamily = "unet-3d";

    /// <summary>The family name of the built-in residual 2D U-Net segmenter (slice by slice).</summary>
    public const string UNet2DFamily = "unet-2d";

    /// <summary>Gets or sets the model family whose <c>SegmenterFactory</c> builds the segmenter: <c>oss-net</c>, or a family
    /// added with <c>AddSegmenterFamily</c> (U-Net baselines plug in this way).</summary>
    /// <value>The default value is <c>oss-net</c>. Ignored when the segmenter was given a factory in code (<c>UseFactory</c>).</value>
    [Required]
    [MinLength(1)]
    public string Family { get; set; } = OssNetFamily;

    /// <summary>Gets or sets a model file written by <c>ossnet train</c> (<c>.ossnet</c>), or a checkpoint (<c>.ckpt</c>) with the
    /// <c>model.json</c> that training writes beside it. The family, architecture, preprocessing (the dataset plan) and labels come
    /// from the file; <see cref="Preset"/>, <see cref="Architecture"/>, <see cref="UNetArchitecture"/> and <see cref="WeightsPath"/>
    /// must then be unset, and <see cref="Preprocessing"/> is not used.</summary>
    /// <value>The default value is null. When set, the segmenter is built by the <c>model-file</c> family whatever <see cref="Family"/>
    /// says. The file must exist at start-up.</value>
    public string? ModelPath { get; set; }

    /// <summary>Gets or sets the grid the U-Net families predict on (the grid <see cref="Preprocessing"/> ends on).</summary>
    /// <value>The default value is null: 256×256×160 with <c>brats2020</c>; required with <c>zscore-pad</c> and <c>zscore-resample</c>.
    /// Not used by the OSS-Net family (its architecture has a grid).</value>
    public VolumeShape? Grid { get; set; }

    /// <summary>Gets or sets a full U-Net architecture for the <c>unet-3d</c>/<c>unet-2d</c> families instead of a U-Net preset name in
    /// <see cref="Preset"/>.</summary>
    /// <value>The default value is null.</value>
#pragma warning disable SYSLIB1212 // Deliberate: the cross-field validator runs UNetOptions.Validate().
    public UNetOptions? UNetArchitecture { get; set; }
#pragma warning restore SYSLIB1212

    /// <summary>Gets the family that builds the segmenter: <c>model-file</c> when <see cref="ModelPath"/> is set, else <see cref="Family"/>.</summary>
    public string EffectiveFamily => ModelPath is null ? Family : ModelFileFamily;

    /// <summary>Gets or sets the name of an OSS-Net preset: a reference config name such as <c>oss_net_full_bra_ts</c>, or
    /// <c>tiny</c> / <c>tiny_o_net</c> (see <see cref="OssNetPresets.FromName"/>).</summary>
    /// <value>The default value is null. Exclusive with <see cref="Architecture"/>.</value>
    public string? Preset { get; set; }

    /// <summary>Gets or sets a full architecture instead of a preset (every <see cref="OssNetOptions"/> property can be bound).</summary>
    /// <value>The default value is null. Exclusive with <see cref="Preset"/>.</value>
#pragma warning disable SYSLIB1212 // Deliberate: the cross-field validator runs OssNetOptions.Validate(), which checks these annotations once.
    public OssNetOptions? Architecture { get; set; }
#pragma warning restore SYSLIB1212

    /// <summary>Gets or sets the input channels, overriding the preset's (e.g. a 4-channel <c>tiny</c> model).</summary>
    /// <value>The default value is null: the preset's or the architecture's. Range 1 to 1024.</value>
    [Range(1, 1024)]
    public int? InputChannels { get; set; }

    /// <summary>Gets or sets the seed of the initial weights (relevant only without <see cref="WeightsPath"/>).</summary>
    /// <value>The default value is null: the preset's or the architecture's seed.</value>
    public int? Seed { get; set; }

    /// <summary>Gets or sets the weights file: <c>.dat</c> (TorchSharp), <c>.pt</c>/<c>.pth</c> (PyTorch state dict) or <c>.safetensors</c>.</summary>
    /// <value>The default value is null: the model keeps its initial weights (a warning is logged). The file must exist at start-up.</value>
    public string? WeightsPath { get; set; }

    /// <summary>Gets or sets the device: <c>cpu</c>, <c>auto</c> (CUDA when available), <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <value>The default value is null: <see cref="OssNetServiceOptions.DefaultDevice"/>.</value>
    [RegularExpression(DeviceNames.Pattern, ErrorMessage = DeviceNames.ErrorMessage)]
    public string? Device { get; set; }

    /// <summary>Gets or sets the preprocessing: <c>brats2020</c>, <c>lits</c>, <c>zscore-pad</c>, <c>zscore-resample</c>, <c>none</c>,
    /// or <c>custom</c> for a transform given in code (see <see cref="PreprocessingPresets"/>).</summary>
    /// <value>The default value is <c>brats2020</c>. It must end on the model's full-resolution grid.</value>
    [Required]
    [MinLength(1)]
    public string Preprocessing { get; set; } = PreprocessingPresets.BraTs2020;

    /// <summary>Gets or sets a value indicating whether OSS-Net C/D query only the points their encoder head predicts as foreground.</summary>
    /// <value>The default value is true. Ignored for models without the head.</value>
    public bool UseEncoderPrior { get; set; } = true;

    /// <summary>Gets or sets the probability above which a voxel is foreground (strictly greater).</summary>
    /// <value>The default value is 0.5. Range (0, 1), exclusive.</value>
    [Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double ThresholdProbability { get; set; } = 0.5;

    /// <summary>Gets or sets the largest number of points decoded in one call; lower it to bound memory.</summary>
    /// <value>The default value is 16384 (the reference's). Range 1 to 16,777,216.</value>
    [Range(1, 1 << 24)]
    public int MaxPointsPerForward { get; set; } = 16384;

    /// <summary>Gets or sets how the 14³ patches of OSS-Net B/D are pooled at inference.</summary>
    /// <value>The default value is <see cref="LargePatchPooling.Average"/> (as in training).</value>
    public LargePatchPooling LargePatchPooling { get; set; } = LargePatchPooling.Average;

    /// <summary>Returns the U-Net architecture these options describe: a copy of <see cref="UNetArchitecture"/> or the U-Net preset
    /// named by <see cref="Preset"/> (see <see cref="UNetPresets.FromName"/>), with <see cref="InputChannels"/> and <see cref="Seed"/> applied.</summary>
    /// <returns>A new options instance (not validated).</returns>
    /// <exception cref="InvalidOperationException">Neither or both of <see cref="Preset"/> and <see cref="UNetArchitecture"/> are set.</exception>
    /// <exception cref="ArgumentException">No U-Net preset has the name.</exception>
    public UNetOptions ResolveUNetArchitecture()
    {
        var architecture = CopyOrPreset(UNetArchitecture, nameof(UNetArchitecture), a => a.Clone(), UNetPresets.FromName);
        architecture.InputChannels = InputChannels ?? architecture.InputChannels;
        architecture.Seed = Seed ?? architecture.Seed;
        return architecture;
    }

    /// <summary>Returns the OSS-Net architecture these options describe: a copy of <see cref="Architecture"/> or the named
    /// <see cref="Preset"/>, with <see cref="InputChannels"/> and <see cref="Seed"/> applied.</summary>
    /// <returns>A new options instance (not validated).</returns>
    /// <exception cref="InvalidOperationException">Neither or both of <see cref="Preset"/> and <see cref="Architecture"/> are set.</exception>
    /// <exception cref="ArgumentException">No preset has the name.</exception>
    public OssNetOptions ResolveArchitecture()
    {
        var architecture = CopyOrPreset(Architecture, nameof(Architecture), a => a.Clone(), OssNetPresets.FromName);
        architecture.InputChannels = InputChannels ?? architecture.InputChannels;
        architecture.Seed = Seed ?? architecture.Seed;
        return architecture;
    }

    /// <summary>A copy of the architecture given in full, or the preset <see cref="Preset"/> names; exactly one must be set.</summary>
    private T CopyOrPreset<T>(T? architecture, string architectureName, Func<T, T> copy, Func<string, T> fromPreset)
        where T : class
    {
        if ((Preset is null) == (architecture is null))
        {
            throw new InvalidOperationException(
                $"Set exactly one of {nameof(Preset)} and {architectureName}; {(Preset is null ? "neither is set" : "both are set")}.");
        }

        return architecture is not null ? copy(architecture) : fromPreset(Preset!);
    }
}
