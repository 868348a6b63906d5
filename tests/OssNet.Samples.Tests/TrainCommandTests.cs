// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using OssNet.Sdk.IO;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.Volumes;

namespace OssNet.Samples.Tests;

/// <summary><c>ossnet train</c> writes a model file that <c>segment</c>, <c>evaluate</c> and <c>info</c> use with nothing else, for
/// every family; its options take effect.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-train-").FullName;

    private static string Tool => SampleProcess.DllOf("OssNet.Cli", "ossnet");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Train_ThenSegmentEvaluateAndInfo_NeedOnlyTheModelFile()
    {
        var data = await WritePhantomsAsync(2);
        var model = Path.Combine(_folder, "m.ossnet");
        var checkpoints = Path.Combine(_folder, "ck");

        var train = await Run("train", "--data", data, "--output", model, "--checkpoints", checkpoints, "--epochs", "2", "--width", "16", "--points", "512", "--binary");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("Grid         64×64×32", train.Output, StringComparison.Ordinal);
        var description = ModelFile.ReadDescription(model);
        Assert.Equal(ModelFamily.OssNet, description.Family);
        Assert.Equal(new VolumeShape(64, 64, 32), description.Grid);
        Assert.True(description.OssNet!.UseSkipEncoder && description.OssNet.UseLowResolutionHead); // variant C by default
        Assert.Equal([16, 16, 16, 16, 16], description.OssNet.DecoderWidths);
        Assert.Equal(2, description.Training!.Epochs);
        Assert.True(File.Exists(Path.Combine(checkpoints, ModelFile.DescriptionName)));

        var masks = Path.Combine(_folder, "masks");
        var segment = await Run("segment", "--input", data, "--model", model, "--output", masks);
        Assert.True(segment.ExitCode == 0, segment.ToString());
        Assert.DoesNotContain("warning", segment.Error, StringComparison.Ordinal);
        var mask = await VolumeFile.ReadLabelsAsync(Path.Combine(masks, "phantom-001_mask.nii.gz"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new VolumeShape(60, 60, 30), mask.Shape);

        var report = Path.Combine(_folder, "r.json");
        var evaluate = await Run("evaluate", "--data", data, "--model", Path.Combine(checkpoints, "last.ckpt"), "--report", report);
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(2, json.RootElement.GetProperty("cases").GetArrayLength());
        }

        var info = await Run("info", model);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("Model: oss-net 'oss_net_C_64x64x32' (2 classes)", info.Output, StringComparison.Ordinal);
        Assert.Contains("Training: 2 epoch(s)", info.Output, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("unet-3d", ModelFamily.UNet3D)]
    [InlineData("unet-2d", ModelFamily.UNet2D)]
    [InlineData("o-net", ModelFamily.ONet)]
    public async Task Train_EveryFamily_WritesItsModelFile(string family, ModelFamily expected)
    {
        var data = await WritePhantomsAsync(2);
        var model = Path.Combine(_folder, $"{family}.ossnet");

        var train = await Run("train", "--data", data, "--output", model, "--family", family, "--epochs", "1", "--width", "16", "--points", "256");

        Assert.True(train.ExitCode == 0, train.ToString());
        var description = ModelFile.ReadDescription(model);
        Assert.Equal(expected, description.Family);
        Assert.Equal(4, description.Labels.Count); // the phantoms' label map: background and three tumour classes
        var segment = await Run("segment", "--input", data, "--model", model, "--output", Path.Combine(_folder, "masks"));
        Assert.True(segment.ExitCode == 0, segment.ToString());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Segment_NoEncoderPrior_QueriesTheWholeFirstStage()
    {
        var data = await WritePhantomsAsync(2);
        var model = Path.Combine(_folder, "c.ossnet");
        var train = await Run("train", "--data", data, "--output", model, "--epochs", "1", "--width", "16", "--points", "256", "--binary");
        Assert.True(train.ExitCode == 0, train.ToString());

        var withPrior = await Run("segment", "--input", data, "--model", model, "--output", Path.Combine(_folder, "a"));
        var withoutPrior = await Run("segment", "--input", data, "--model", model, "--output", Path.Combine(_folder, "b"), "--no-encoder-prior");

        Assert.True(withPrior.ExitCode == 0, withPrior.ToString());
        Assert.True(withoutPrior.ExitCode == 0, withoutPrior.ToString());
        Assert.True(QueriedShare(withoutPrior.Output) > QueriedShare(withPrior.Output), $"{withPrior.Output}\n---\n{withoutPrior.Output}");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Train_Minutes_StopsAfterTheEpochThatUsesUpTheBudget()
    {
        var data = await WritePhantomsAsync(2);
        var model = Path.Combine(_folder, "m.ossnet");

        var train = await Run("train", "--data", data, "--output", model, "--minutes", "0.0001", "--width", "16", "--points", "256", "--binary");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("time budget used up", train.Output, StringComparison.Ordinal);
        var training = ModelFile.ReadDescription(model).Training!;
        Assert.Equal(1, training.Epochs);
        Assert.True(training.StoppedByTimeBudget);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Train_ValidationSplit_HoldsOutCasesAndValidatesOnThem()
    {
        var data = await WritePhantomsAsync(3);
        var model = Path.Combine(_folder, "m.ossnet");

        var train = await Run("train", "--data", data, "--output", model, "--validation-split", "0.34", "--epochs", "1", "--width", "16", "--points", "256", "--binary");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.Contains("with 2 case(s)", train.Output, StringComparison.Ordinal);
        Assert.Contains("validating on 1", train.Output, StringComparison.Ordinal);
        var training = ModelFile.ReadDescription(model).Training!;
        Assert.Equal((2, 1), (training.TrainingCases, training.ValidationCases));
        Assert.NotNull(training.BestValidationDice);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Train_Device_IsHonoured()
    {
        var data = await WritePhantomsAsync(2);

        // No GPU here: asking for one must fail at once, naming it, rather than train on the CPU regardless.
        var train = await Run("train", "--data", data, "--output", Path.Combine(_folder, "m.ossnet"), "--device", "cuda:0", "--epochs", "1");

        Assert.Equal(1, train.ExitCode);
        Assert.Contains("CUDA", train.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(_folder, "m.ossnet")));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Train_RawWeightsOutput_WarnsThatOptionsAreNeeded()
    {
        var data = await WritePhantomsAsync(2);
        var weights = Path.Combine(_folder, "w.safetensors");

        var train = await Run("train", "--data", data, "--output", weights, "--epochs", "1", "--width", "16", "--points", "256", "--preset", "tiny", "--binary");

        Assert.True(train.ExitCode == 0, train.ToString());
        Assert.True(File.Exists(weights));
        Assert.Contains("need the same architecture and preprocessing", train.Output, StringComparison.Ordinal);
    }

    /// <summary>The "queried" share of the first case in segment's table (e.g. "12.5 %").</summary>
    private static double QueriedShare(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"phantom-001\s*│[^│]*│[^│]*│\s*([0-9.]+) %");
        Assert.True(match.Success, output);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<SampleProcess.Result> Run(params string[] args) => SampleProcess.RunAsync(Tool, _folder, args);

    private Task<string> WritePhantomsAsync(int count) => PhantomFolder.WriteAsync(_folder, count, binaryLabels: false);
}
