// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Reflection;
using OssNet.Sdk.DependencyInjection;
using OssNet.Sdk.Planning;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Transforms;
using Spectre.Console;
using TorchSharp;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet info</c>: versions, the native backend's state, presets and preprocessing names; or, given a plan file
/// (<c>ossnet info plan.json</c> or <c>--plan plan.json</c>), that plan in words.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var parameters = new Option<bool>("--parameters") { Description = "Build every preset to count its parameters (a few seconds)" };
        var planOption = new Option<string?>("--plan") { Description = "Show this plan file (written by 'ossnet plan') in words instead" };
        var modelFile = new Option<string?>("--model") { Description = "Describe a model file (.ossnet) or checkpoint in words instead: family, architecture, classes, plan, training" };
        var fileArgument = new Argument<string?>("file") { Description = "A plan file or a model file (.ossnet, .ckpt) to show in words", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("info", "Show versions, the TorchSharp backend, presets and preprocessing names, or a saved plan or model file in words");
        command.Options.Add(parameters);
        command.Options.Add(planOption);
        command.Options.Add(modelFile);
        command.Arguments.Add(fileArgument);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var file = parse.GetValue(fileArgument);
            if ((parse.GetValue(modelFile) ?? (file is not null && ModelFile.IsModelFile(file) ? file : null)) is { } modelPath)
            {
                Console.WriteLine($"Model file {Path.GetFullPath(modelPath)}");
                Console.WriteLine(ModelFile.ReadDescription(modelPath).Describe().TrimEnd());
                return 0;
            }

            if ((parse.GetValue(planOption) ?? file) is { } planPath)
            {
                var plan = await DatasetPlan.LoadAsync(planPath, cancellationToken);
                Console.WriteLine($"Plan file {Path.GetFullPath(planPath)}");
                Console.Write(plan.Describe());
                return 0;
            }

            var smoke = parse.GetValue(CommonOptions.Smoke);
            var versions = new Table().AddColumns("component", "version");
            versions.AddRow("ossnet / OssNet.Sdk", Version(typeof(OssNetModel).Assembly));
            versions.AddRow("TorchSharp", Version(typeof(torch).Assembly));
            versions.AddRow(".NET", Environment.Version.ToString());
            versions.AddRow("OS", Markup.Escape(System.Runtime.InteropServices.RuntimeInformation.OSDescription));
            AnsiConsole.Write(versions);

            TorchBackend.EnsureLoaded(); // throws TorchBackendUnavailableException with the cause and the fix
            Console.WriteLine($"Backend: loaded; CUDA available: {torch.cuda.is_available()}; threads: {torch.get_num_threads()}");

            var count = parse.GetValue(parameters) && !smoke;
            var presets = new Table().AddColumns("preset", "channels", "encoder input", "model grid", "patches", "skip encoder + head", count ? "parameters" : "");
            foreach (var name in OssNetPresets.ReferenceNames.Concat(["tiny", "tiny_o_net"]))
            {
                var o = OssNetPresets.FromName(name);
                var patches = o.UseLargePatches ? "7³ + 14³" : o.UseSmallPatches ? "7³" : "none";
                var parameterCount = "";
                if (count || (smoke && name == "tiny"))
                {
                    using var model = OssNetModel.Create(o);
                    parameterCount = model.TrainableParameterCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
                }

                presets.AddRow(name, o.InputChannels.ToString(System.Globalization.CultureInfo.InvariantCulture), o.EncoderInputShape.ToString(),
                    o.FullResolutionShape.ToString(), patches, o.UseSkipEncoder ? "yes" : "no", parameterCount);
            }

            AnsiConsole.Write(presets);
            Console.WriteLine($"Preprocessing: {string.Join(", ", PreprocessingPresets.BuiltInNames)}");
            Console.WriteLine($"Model families (train --family): {string.Join(", ", ModelFamilies.Names)}");
            Console.WriteLine($"Segmenter families (dependency injection): {SegmenterOptions.OssNetFamily}, {SegmenterOptions.UNet3DFamily}, {SegmenterOptions.UNet2DFamily}, {SegmenterOptions.ModelFileFamily} (others via AddSegmenterFamily)");
            return 0;
        }));
        return command;
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "?";
}
