// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.IO.Compression;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.ModelFiles;

public sealed class ModelFileTests : IDisposable
{
    private static readonly LabelSet s_tissues = new([new(0, "background"), new(4, "CSF"), new(5, "grey matter"), new(6, "white matter")]);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ossnet-modelfile-{Guid.NewGuid():N}");

    public ModelFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SaveLoad_OssNet_RoundTripsDescriptionPlanAndWeights()
    {
        var plan = await PlanAsync();
        using var model = OssNetModel.Create(Architecture(plan, classes: 4, seed: 1));
        var description = Describe(plan, model.Options, s_tissues);
        var path = Path.Combine(_directory, "m.ossnet");

        ModelFile.Save(path, description, model);
        using var loaded = ModelFile.Load(path);

        var read = loaded.Description;
        Assert.Equal(ModelFamily.OssNet, read.Family);
        Assert.False(read.Labels.CollapseForeground);
        Assert.Equal(s_tissues.Labels, read.Labels.Labels);
        Assert.Equal(plan.GridShape, read.Grid);
        Assert.Equal(plan.ToJson(), read.Plan!.ToJson());
        Assert.Equal(model.Options.LatentFeatures, read.OssNet!.LatentFeatures);
        Assert.Equal(4, read.OssNet.Classes);
        Assert.Equal("training data", read.Training!.Data);
        Assert.Equal(ModelDescription.CurrentSdkVersion, read.SdkVersion);
        foreach (var ((key, expected), (_, actual)) in model.state_dict().Zip(loaded.Model.state_dict()))
        {
            Assert.True(expected.equal(actual).all().item<bool>(), $"{key} differs after the round trip");
        }
    }

    [Fact]
    public async Task SaveLoad_CollapsingBinaryLabels_StayCollapsing()
    {
        var plan = await PlanAsync();
        using var model = OssNetModel.Create(Architecture(plan, classes: 2, seed: 1));
        var path = Path.Combine(_directory, "brain.ossnet");

        ModelFile.Save(path, Describe(plan, model.Options, LabelSet.Binary("brain")), model);
        var read = ModelFile.ReadDescription(path);

        Assert.True(read.Labels.CollapseForeground);
        Assert.Equal(1, read.Labels.ClassOf(200));
    }

    [Fact]
    public async Task Save_WritesAZipWithModelJsonAndSafetensorsOnly()
    {
        var plan = await PlanAsync();
        using var model = OssNetModel.Create(Architecture(plan, classes: 2, seed: 2));
        var path = Path.Combine(_directory, "m.ossnet");

        ModelFile.Save(path, Describe(plan, model.Options, LabelSet.Binary("brain")), model);

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["model.json", "weights.safetensors"], zip.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(zip.GetEntry("model.json")!.Open());
        var json = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"family\": \"oss-net\"", json, StringComparison.Ordinal);
        Assert.Contains("\"plan\": {", json, StringComparison.Ordinal);
        Assert.DoesNotContain("activation", json, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveLoad_UNet_BuildsAUNetSegmenter()
    {
        var plan = await PlanAsync();
        var options = UNetOptions.ForGrid(plan.GridShape, plan.ChannelCount, 2, UNetKind.SliceWise2D, baseChannels: 2);
        options.Seed = 3;
        using var network = ResidualUNet.Create(options);
        var description = new ModelDescription
        {
            Family = ModelFamily.UNet2D,
            UNet = options,
            Dense = new DenseInferenceSettings(1, null, VolumeAxis.Z),
            Labels = LabelSet.Binary(),
            Grid = plan.GridShape,
            Plan = plan,
        };
        var path = Path.Combine(_directory, "unet.ossnet");
        ModelFile.Save(path, description, network);

        var loaded = ModelFile.Load(path);
        using var segmenter = (UNetSegmenter)loaded.CreateSegmenter();

        var phantom = SyntheticPhantoms.Generate(Phantom());
        var result = await segmenter.SegmentAsync(phantom with { Label = null }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(phantom.Image.Shape, result.Mask.Shape);
        Assert.Throws<ObjectDisposedException>(() => loaded.Model);
    }

    [Fact]
    public async Task Load_Checkpoint_ReadsTheDescriptionBesideIt()
    {
        var plan = await PlanAsync();
        using var model = OssNetModel.Create(Architecture(plan, classes: 2, seed: 4));
        var folder = Path.Combine(_directory, "checkpoints");
        var description = Describe(plan, model.Options, LabelSet.Binary());
        ModelFile.WriteDescription(Path.Combine(folder, ModelFile.DescriptionName), description);
        using (var optimizer = OptimizerBundle.Create(OptimizerKind.Adam, model.parameters(), 1e-3))
        {
            TrainingCheckpoint.Save(Path.Combine(folder, "best.ckpt"), new TrainerState(3, 0.5, 3, [], "test"), model, optimizer);
        }

        using var loaded = ModelFile.Load(Path.Combine(folder, "best.ckpt"));

        Assert.Equal(model.Options.Name, loaded.Description.OssNet!.Name);
        foreach (var ((key, expected), (_, actual)) in model.state_dict().Zip(loaded.Model.state_dict()))
        {
            Assert.True(expected.equal(actual).all().item<bool>(), $"{key} differs");
        }
    }

    [Fact]
    public void Load_CheckpointWithoutDescription_NamesTheMissingFile()
    {
        var checkpoint = Path.Combine(_directory, "last.ckpt");
        File.WriteAllBytes(checkpoint, [1, 2, 3]);

        var error = Assert.Throws<InvalidModelFileException>(() => ModelFile.Load(checkpoint));

        Assert.Equal(checkpoint, error.Path);
        Assert.Contains("model.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a zip", "not a zip archive")]
    [InlineData("no description", "holds no model.json")]
    [InlineData("bad json", "not a valid model description")]
    [InlineData("class mismatch", "predicts 2 classes, but 4 labels")]
    public async Task Load_MalformedFiles_NameFileAndProblem(string kind, string expected)
    {
        var path = Path.Combine(_directory, "bad.ossnet");
        var plan = await PlanAsync();
        using var model = OssNetModel.Create(Architecture(plan, classes: 2, seed: 5));
        var good = Path.Combine(_directory, "good.ossnet");
        ModelFile.Save(good, Describe(plan, model.Options, LabelSet.Binary()), model);
        switch (kind)
        {
            case "not a zip":
                await File.WriteAllTextAsync(path, "hello", TestContext.Current.CancellationToken);
                break;
            case "no description":
                File.Copy(good, path);
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
                {
                    zip.GetEntry("model.json")!.Delete();
                }

                break;
            default:
                File.Copy(good, path);
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
                {
                    var entry = zip.GetEntry("model.json")!;
                    string json;
                    using (var reader = new StreamReader(entry.Open()))
                    {
                        json = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
                    }

                    entry.Delete();
                    json = kind == "bad json"
                        ? json[..(json.Length / 2)]
                        : json.Replace("\"collapseForeground\": true", "\"collapseForeground\": false", StringComparison.Ordinal)
                            .Replace("\"name\": \"foreground\"", "\"name\": \"a\" }, { \"value\": 2, \"name\": \"b\" }, { \"value\": 3, \"name\": \"c\"", StringComparison.Ordinal);
                    using var writer = new StreamWriter(zip.CreateEntry("model.json").Open());
                    await writer.WriteAsync(json);
                }

                break;
        }

        var error = Assert.Throws<InvalidModelFileException>(() => ModelFile.Load(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AddsNoLiveTensorsBeyondTheModelItBuilds()
    {
        var plan = await PlanAsync();
        var architecture = Architecture(plan, classes: 2, seed: 6);
        using var model = OssNetModel.Create(architecture);
        var path = Path.Combine(_directory, "m.ossnet");
        ModelFile.Save(path, Describe(plan, model.Options, LabelSet.Binary()), model);
        ModelFile.Load(path).Dispose(); // warm up

        // TorchSharp counts a disposed module's parameters as live until they are collected, so the yardstick is building the
        // same model: reading the file and copying the weights must add nothing to that.
        var building = LiveTensorsAfter(() => OssNetModel.Create(architecture).Dispose());
        var loading = LiveTensorsAfter(() => ModelFile.Load(path).Dispose());

        Assert.Equal(building, loading);
    }

    private static long LiveTensorsAfter(Action action)
    {
        var before = TensorLeakGuard.LiveTensors;
        action();
        return TensorLeakGuard.LiveTensors - before;
    }

    private static SyntheticPhantomOptions Phantom() => new() { Kind = PhantomKind.BrainTumour, Seed = 7, Shape = new VolumeShape(40, 36, 20) };

    private static async Task<DatasetPlan> PlanAsync() =>
        await DatasetPlanner.PlanAsync(new SyntheticPhantomSource(Phantom(), 2), new DatasetPlannerOptions(), TestContext.Current.CancellationToken);

    private static OssNetOptions Architecture(DatasetPlan plan, int classes, int seed)
    {
        var options = OssNetOptions.ForGrid(plan.GridShape, plan.ChannelCount, classes, OssNetVariant.C, decoderWidth: 16, decoderBlocks: 2, encoderBaseChannels: 4);
        options.Seed = seed;
        return options;
    }

    private static ModelDescription Describe(DatasetPlan plan, OssNetOptions architecture, LabelSet labels) => new()
    {
        Family = ModelFamily.OssNet,
        OssNet = architecture,
        Labels = labels,
        Grid = plan.GridShape,
        Plan = plan,
        Training = new ModelTrainingSummary(3, 0.25, 0.8, 2, 1.5, 2, 0, "training data", 0, "cpu", false, DateTimeOffset.UnixEpoch),
    };
}
