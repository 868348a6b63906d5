// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.Transforms;

namespace OssNet.Sdk.DependencyInjection.Validation;

/// <summary>
/// The rules of <see cref="SegmenterOptions"/> that span fields or need the registration: the family exists, exactly one of
/// Preset/Architecture, the architecture is valid, the preprocessing is known and ends on the model's grid, the weights file exists.
/// </summary>
internal sealed class SegmenterOptionsCrossFieldValidator(IServiceProvider services) : IValidateOptions<SegmenterOptions>
{
    public ValidateOptionsResult Validate(string? name, SegmenterOptions options)
    {
        if (name is null || services.GetKeyedService<SegmenterRegistration>(name) is not { } registration)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new ValidateOptionsResultBuilder();
        void Error(string field, string message) => errors.AddError($"Segmenter '{name}': {field}: {message}");

        var familyRegistered = registration.Factory is not null
            || (!string.IsNullOrEmpty(options.EffectiveFamily) && services.GetKeyedService<SegmenterFactory>(options.EffectiveFamily) is not null);
        if (!familyRegistered)
        {
            Error(nameof(options.Family), $"no segmenter family named '{options.Family}' is registered (built in: '{SegmenterOptions.OssNetFamily}'; add others with AddSegmenterFamily).");
        }

        var preprocessingKnown = PreprocessingPresets.IsKnown(options.Preprocessing);
        if (!preprocessingKnown)
        {
            Error(nameof(options.Preprocessing), $"'{options.Preprocessing}' is not one of {string.Join(", ", PreprocessingPresets.BuiltInNames)}, {PreprocessingPresets.Custom}.");
        }
        else if (string.Equals(options.Preprocessing, PreprocessingPresets.Custom, StringComparison.OrdinalIgnoreCase) && registration.Preprocessing is null)
        {
            Error(nameof(options.Preprocessing), "'custom' needs a transform given in code (SegmenterBuilder.WithPreprocessing(IVolumeTransform)).");
        }

        if (options.WeightsPath is { } weights && !File.Exists(weights))
        {
            Error(nameof(options.WeightsPath), $"the file {Path.GetFullPath(weights)} does not exist.");
        }

        // The built-in families' rules apply only where the built-in factory builds the segmenter (AddSegmenterFamily may replace it).
        var factoryType = services.GetKeyedService<SegmenterFactory>(options.EffectiveFamily)?.Method.DeclaringType;
        if (registration.Factory is null && factoryType is not null && factoryType.Assembly == typeof(SegmenterOptions).Assembly)
        {
            switch (options.EffectiveFamily)
            {
                case SegmenterOptions.OssNetFamily:
                    ValidateOssNet(options, registration, preprocessingKnown, Error);
                    break;
                case SegmenterOptions.ModelFileFamily:
                    ValidateModelFile(options, Error);
                    break;
                case SegmenterOptions.UNet3DFamily or SegmenterOptions.UNet2DFamily:
                    ValidateUNet(options, preprocessingKnown, Error);
                    break;
            }
        }

        return errors.Build();
    }

    private static void ValidateModelFile(SegmenterOptions options, Action<string, string> error)
    {
        var conflicting = new[] { (nameof(options.Preset), options.Preset is not null), (nameof(options.Architecture), options.Architecture is not null),
            (nameof(options.UNetArchitecture), options.UNetArchitecture is not null), (nameof(options.WeightsPath), options.WeightsPath is not null) }
            .Where(c => c.Item2).Select(c => c.Item1).ToList();
        if (conflicting.Count > 0)
        {
            error(nameof(options.ModelPath), $"a model file describes the model itself; unset {string.Join(", ", conflicting)}.");
        }

        if (!File.Exists(options.ModelPath))
        {
            error(nameof(options.ModelPath), $"the file {Path.GetFullPath(options.ModelPath!)} does not exist.");
            return;
        }

        try
        {
            ModelFile.ReadDescription(options.ModelPath!);
        }
        catch (InvalidModelFileException e)
        {
            error(nameof(options.ModelPath), e.Message);
        }
    }

    private static void ValidateUNet(SegmenterOptions options, bool preprocessingKnown, Action<string, string> error)
    {
        UNetOptions architecture;
        try
        {
            architecture = options.ResolveUNetArchitecture();
            architecture.Validate();
        }
        catch (InvalidOperationException e)
        {
            error($"{nameof(options.Preset)}/{nameof(options.UNetArchitecture)}", e.Message);
            return;
        }
        catch (ArgumentException e)
        {
            error(options.Preset is null ? nameof(options.UNetArchitecture) : nameof(options.Preset), e.Message);
            return;
        }

        var dimensions = options.EffectiveFamily == SegmenterOptions.UNet2DFamily ? 2 : 3;
        if (architecture.SpatialDimensions != dimensions)
        {
            error(nameof(options.Family), $"'{options.EffectiveFamily}' builds a {dimensions}D U-Net, but the architecture '{architecture.Name}' is {architecture.SpatialDimensions}D.");
        }

        if (preprocessingKnown
            && !string.Equals(options.Preprocessing, PreprocessingPresets.Custom, StringComparison.OrdinalIgnoreCase)
            && PreprocessingPresets.DescribeIncompatibility(options.Preprocessing, UNetSegmenterFamily.GridOf(options)) is { } problem)
        {
            error(nameof(options.Preprocessing), problem + $" (set {nameof(options.Grid)}).");
        }
    }

    private static void ValidateOssNet(SegmenterOptions options, SegmenterRegistration registration, bool preprocessingKnown, Action<string, string> error)
    {
        if ((options.Preset is null) == (options.Architecture is null))
        {
            error($"{nameof(options.Preset)}/{nameof(options.Architecture)}", options.Preset is null
                ? "set a preset name (e.g. 'oss_net_full_bra_ts', 'tiny') or an architecture."
                : "set either a preset or an architecture, not both.");
            return;
        }

        if (options.InputChannels is < 1 or > 1024)
        {
            return; // reported by the DataAnnotations validator; the architecture cannot be built with it
        }

        TorchSharp.Models.OssNet.OssNetOptions architecture;
        try
        {
            architecture = options.ResolveArchitecture();
            architecture.Validate(builtInEncoder: registration.EncoderFactory is null);
        }
        catch (ArgumentException e)
        {
            error(nameof(options.Preset), e.Message);
            return;
        }
        catch (ValidationException e)
        {
            error(nameof(options.Architecture), e.Message);
            return;
        }

        if (preprocessingKnown
            && !string.Equals(options.Preprocessing, PreprocessingPresets.Custom, StringComparison.OrdinalIgnoreCase)
            && PreprocessingPresets.DescribeIncompatibility(options.Preprocessing, architecture.FullResolutionShape) is { } problem)
        {
            error(nameof(options.Preprocessing), problem + ".");
        }
    }
}
