// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Transforms;

namespace OssNet.Cli.Commands;

/// <summary>The model options of <c>segment</c>, <c>evaluate</c> and <c>benchmark</c> (and, without the inference ones, <c>train</c>).</summary>
internal sealed class ModelOptions
{
    public Option<string?> Model { get; } = new("--model")
    {
        Description = "A model file written by 'ossnet train' (.ossnet), or a checkpoint (last.ckpt/best.ckpt) in its checkpoint folder: " +
            "architecture, preprocessing and labels come from it (no --preset/--weights/--preprocessing needed)",
    };

    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "OSS-Net preset: tiny, tiny_o_net, or a reference config name such as oss_net_full_bra_ts",
        DefaultValueFactory = _ => "tiny",
    };

    public Option<int?> InputChannels { get; } = new("--input-channels")
    {
        Description = "Input channels (default: the data's, read from its first case)",
    };

    public Option<string> Preprocessing { get; } = new("--preprocessing")
    {
        Description = "brats2020, lits, zscore-pad, zscore-resample or none (must end on the model's grid)",
        DefaultValueFactory = _ => PreprocessingPresets.ZScorePad,
    };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "cpu, auto, cuda or cuda:N",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<string?> Weights { get; } = new("--weights")
    {
        Description = "Weights file (.dat, .pt/.pth, .safetensors) written by 'ossnet train' or SaveWeights",
    };

    public Option<double> Threshold { get; } = new("--threshold")
    {
        Description = "Probability above which a voxel is foreground, in (0, 1)",
        DefaultValueFactory = _ => 0.5,
    };

    public Option<bool> NoEncoderPrior { get; } = new("--no-encoder-prior")
    {
        Description = "Query every point of the first stage instead of only where the encoder's coarse head predicts foreground (OSS-Net C/D)",
    };

    public Option<int> MaxPoints { get; } = new("--max-points")
    {
        Description = "Largest number of points decoded in one call (lower it to bound memory)",
        DefaultValueFactory = _ => 16384,
    };

    public void AddTo(Command command, bool inference = true)
    {
        if (inference)
        {
            command.Options.Add(Model);
        }

        command.Options.Add(Preset);
        command.Options.Add(InputChannels);
        command.Options.Add(Preprocessing);
        command.Options.Add(Device);
        if (inference)
        {
            command.Options.Add(Weights);
            command.Options.Add(Threshold);
            command.Options.Add(MaxPoints);
            command.Options.Add(NoEncoderPrior);
        }
    }

    /// <summary>Builds a container with one segmenter named "cli" from the options, validated as at a host's start-up
    /// (so a bad option fails here with a message naming it).</summary>
    public ServiceProvider BuildSegmenterServices(ParseResult parse, int inputChannels, string? presetOverride = null, double? thresholdOverride = null)
    {
        var services = new ServiceCollection();
        var modelPath = parse.GetValue(Model);
        services.AddOssNet(o => o.DefaultDevice = parse.GetValue(Device)!).AddSegmenter("cli", s => s.Configure(o =>
        {
            if (modelPath is not null)
            {
                o.ModelPath = modelPath;
                o.ThresholdProbability = thresholdOverride ?? parse.GetValue(Threshold);
                o.MaxPointsPerForward = parse.GetValue(MaxPoints);
                o.UseEncoderPrior = !parse.GetValue(NoEncoderPrior);
                return;
            }

            o.Preset = presetOverride ?? parse.GetValue(Preset);
            o.InputChannels = inputChannels;
            o.Preprocessing = parse.GetValue(Preprocessing)!;
            o.WeightsPath = parse.GetValue(Weights);
            o.ThresholdProbability = thresholdOverride ?? parse.GetValue(Threshold);
            o.MaxPointsPerForward = parse.GetValue(MaxPoints);
            o.UseEncoderPrior = !parse.GetValue(NoEncoderPrior);
        }));
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return provider;
    }

    /// <summary>Resolves the architecture the options name, with the channel count applied (for training and reports).</summary>
    public OssNetOptions Architecture(ParseResult parse, int inputChannels, string? presetOverride = null)
    {
        var architecture = OssNetPresets.FromName(presetOverride ?? parse.GetValue(Preset)!);
        architecture.InputChannels = inputChannels;
        return architecture;
    }

    public static ISegmenter Segmenter(IServiceProvider services) => services.GetRequiredKeyedService<ISegmenter>("cli");
}
