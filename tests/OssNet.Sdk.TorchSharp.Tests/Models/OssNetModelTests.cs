// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Serialization;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

public sealed class OssNetModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ossnet-model-tests-").FullName;

    public static TheoryData<string> Families => TinyFamilies.All;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(2, 17)]
    public void Forward_Tiny_ReturnsPointLogitsAndLowResolutionLogits(long batch, long points)
    {
        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        using var inputs = new ModelInputs(model.Options, batch, points, seed: 1);
        var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        using (logits)
        using (lowResolution)
        {
            Assert.Equal(new[] { batch, points, 1L }, logits.shape);
            Assert.NotNull(lowResolution);
            Assert.Equal(new[] { batch, 1L, 4, 4, 2 }, lowResolution.shape);
            Assert.True(logits.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void Forward_TinyONet_HasNoPatchesAndNoLowResolutionLogits()
    {
        using var model = OssNetModel.Create(OssNetPresets.TinyONet);
        Assert.Equal(0, model.PatchChannels);
        using var inputs = new ModelInputs(model.Options, 2, 9, seed: 2);
        Assert.Null(inputs.Patches);
        var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, null);
        using (logits)
        {
            Assert.Equal(new[] { 2L, 9, 1 }, logits.shape);
            Assert.Null(lowResolution);
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Backward_EveryTinyFamily_GivesFiniteGradientForEveryParameter(string family)
    {
        using var model = OssNetModel.Create(TinyFamilies.Create(family));
        using var inputs = new ModelInputs(model.Options, batch: 2, points: 7, seed: 3);
        using var scope = torch.NewDisposeScope();
        var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, inputs.Labels);
        if (lowResolution is not null)
        {
            loss = loss + nn.functional.binary_cross_entropy_with_logits(lowResolution, torch.zeros_like(lowResolution));
        }

        loss.backward();
        var total = 0.0;
        foreach (var (name, parameter) in model.named_parameters())
        {
            Assert.True(parameter.grad is not null, $"{name} has no gradient");
            Assert.True(parameter.grad.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
            total += parameter.grad.abs().sum().item<float>();
        }

        Assert.True(total > 0);
    }

    [Fact]
    public void PatchChannels_PerFamily_FollowsOptions()
    {
        using var a = OssNetModel.Create(TinyFamilies.Create("A"));
        using var b = OssNetModel.Create(TinyFamilies.Create("B"));
        Assert.Equal(2, a.PatchChannels);
        Assert.Equal(4, b.PatchChannels);
        Assert.True(b.UsesLargePatches);
        Assert.Equal(7, OssNetModel.PatchSize);
    }

    [Fact]
    public void To_Float64_MovesEveryTensorAndTheActivationsFollow()
    {
        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        model.to(ScalarType.Float64);
        Assert.All(model.state_dict(), e => Assert.True(e.Value.dtype is ScalarType.Float64 or ScalarType.Int64, e.Key));
        using var inputs = new ModelInputs(model.Options, 2, 3, seed: 13);
        using var scope = torch.NewDisposeScope();
        var (logits, lowResolution) = model.call(
            inputs.Volumes.to(ScalarType.Float64), inputs.Coordinates.to(ScalarType.Float64), inputs.Patches!.to(ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, logits.dtype);
        logits.sum().add(lowResolution!.sum()).backward();
        var pau = model.named_parameters().First(p => p.name.EndsWith("weight_numerator", StringComparison.Ordinal)).parameter;
        Assert.Equal(ScalarType.Float64, pau.grad!.dtype);
    }

    [Fact]
    public void Forward_EvalMode_IsDeterministic()
    {
        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        model.eval();
        using var inputs = new ModelInputs(model.Options, 2, 11, seed: 4);
        using var noGrad = torch.no_grad();
        var (first, firstLow) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        var (second, secondLow) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        using (first)
        using (second)
        using (firstLow)
        using (secondLow)
        {
            Assert.True(first.eq(second).all().item<bool>());
            Assert.True(firstLow!.eq(secondLow!).all().item<bool>());
        }
    }

    [Fact]
    public void Create_SameSeed_GivesIdenticalWeights_OtherSeedDiffers()
    {
        var options = OssNetPresets.Tiny;
        options.Seed = 5;
        using var first = OssNetModel.Create(options);
        using var second = OssNetModel.Create(options);
        options.Seed = 6;
        using var third = OssNetModel.Create(options);
        var a = first.state_dict();
        var b = second.state_dict();
        var c = third.state_dict();
        Assert.All(a, entry => Assert.True(entry.Value.eq(b[entry.Key]).all().item<bool>(), entry.Key));
        Assert.False(a["encoder.blocks.0.main_mapping.0.weight"].eq(c["encoder.blocks.0.main_mapping.0.weight"]).all().item<bool>());
        Assert.Equal(1f, a["decoder.blocks.0.cnb_1.linear_gamma.bias"].min().item<float>());
        Assert.Equal(0f, a["decoder.blocks.0.cnb_1.linear_gamma.weight"].abs().max().item<float>());
    }

    [Theory]
    [InlineData("weights.dat")]
    [InlineData("weights.pt")]
    [InlineData("weights.pth")]
    [InlineData("weights.safetensors")]
    public void SaveWeightsLoadWeights_RoundTrip_ReproducesOutputsBitForBit(string file)
    {
        var path = Path.Combine(_directory, file);
        using var source = PerturbedTiny(seed: 7);
        using var target = OssNetModel.Create(OssNetPresets.Tiny);
        source.SaveWeights(path);
        target.LoadWeights(path);
        AssertSameOutputs(source, target);
    }

    [Fact]
    public void LoadWeights_TorchSharpNativeSave_ReproducesOutputs_AndNativeLoadReadsOurDat()
    {
        var native = Path.Combine(_directory, "native.dat");
        var ours = Path.Combine(_directory, "ours.dat");
        using var source = PerturbedTiny(seed: 8);
        source.save(native);
        source.SaveWeights(ours);
        using var fromNative = OssNetModel.Create(OssNetPresets.Tiny);
        using var nativeLoader = OssNetModel.Create(OssNetPresets.Tiny);
        fromNative.LoadWeights(native);
        nativeLoader.load(ours);
        AssertSameOutputs(source, fromNative);
        AssertSameOutputs(source, nativeLoader);
    }

    [Theory]
    [InlineData(".pt")]
    [InlineData(".safetensors")]
    public void LoadWeights_WrittenByPyBridge_ReproducesOutputs(string extension)
    {
        var path = Path.Combine(_directory, "pybridge" + extension);
        using var source = PerturbedTiny(seed: 9);
        if (extension == ".pt")
        {
            source.save_py(path);
        }
        else
        {
            source.save_safetensors(path);
        }

        using var target = OssNetModel.Create(OssNetPresets.Tiny);
        target.LoadWeights(path);
        AssertSameOutputs(source, target);
    }

    [Fact]
    public void LoadWeights_DataParallelPrefix_IsRemoved()
    {
        var path = Path.Combine(_directory, "data-parallel.safetensors");
        using var source = PerturbedTiny(seed: 10);
        var prefixed = source.state_dict().ToDictionary(e => "module." + e.Key, e => e.Value);
        Safetensors.SaveStateDict(path, prefixed);
        using var target = OssNetModel.Create(OssNetPresets.Tiny);
        target.LoadWeights(path);
        AssertSameOutputs(source, target);
    }

    [Fact]
    public void LoadWeights_OtherArchitecture_ThrowsNamingMissingKeysAndFile()
    {
        var path = Path.Combine(_directory, "o-net.safetensors");
        using (var oNet = OssNetModel.Create(OssNetPresets.TinyONet))
        {
            oNet.SaveWeights(path);
        }

        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        var ex = Assert.Throws<StateDictionaryMismatchException>(() => model.LoadWeights(path));
        Assert.Contains("encoder.output_mappings.0.1.weight", ex.MissingKeys);
        Assert.Contains("decoder.patch_mapping.mapping.0.weight", ex.MissingKeys);
        Assert.Contains("'encoder.output_mappings.0.1.weight'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);

        using var oNetTarget = OssNetModel.Create(OssNetPresets.TinyONet);
        var reverse = Path.Combine(_directory, "tiny.dat");
        model.SaveWeights(reverse);
        var unexpected = Assert.Throws<StateDictionaryMismatchException>(() => oNetTarget.LoadWeights(reverse));
        Assert.Contains("encoder.segmentation_mapping.0.weight", unexpected.UnexpectedKeys);
        Assert.Empty(unexpected.MissingKeys);
    }

    [Fact]
    public void LoadWeights_ShapeMismatch_ThrowsNamingKeyAndBothShapes()
    {
        var path = Path.Combine(_directory, "three-channels.pt");
        var options = OssNetPresets.Tiny;
        options.InputChannels = 3;
        using (var other = OssNetModel.Create(options))
        {
            other.SaveWeights(path);
        }

        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        var ex = Assert.Throws<StateDictionaryMismatchException>(() => model.LoadWeights(path));
        Assert.Contains(ex.ShapeMismatches, m => m.Key == "encoder.blocks.0.main_mapping.0.weight" && m.Expected == "[4, 2, 3, 3, 3]" && m.Actual == "[4, 3, 3, 3, 3]");
        Assert.Contains("'encoder.blocks.0.main_mapping.0.weight' is [4, 2, 3, 3, 3] in the model but [4, 3, 3, 3, 3] in the file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadWeights_BadFiles_ThrowTypedExceptionsNamingThePath()
    {
        using var model = OssNetModel.Create(OssNetPresets.TinyONet);
        Assert.Throws<NotSupportedException>(() => model.LoadWeights(Path.Combine(_directory, "weights.onnx")));
        Assert.Throws<FileNotFoundException>(() => model.LoadWeights(Path.Combine(_directory, "absent.dat")));
        var garbage = Path.Combine(_directory, "garbage.dat");
        File.WriteAllBytes(garbage, [0x05, 0x03, 0x61]);
        var ex = Assert.Throws<InvalidDataException>(() => model.LoadWeights(garbage));
        Assert.Contains(garbage, ex.Message, StringComparison.Ordinal);
        var notPickle = Path.Combine(_directory, "garbage.pt");
        File.WriteAllBytes(notPickle, [1, 2, 3, 4]);
        Assert.Throws<InvalidDataException>(() => model.LoadWeights(notPickle));
    }

    [Fact]
    public void SaveWeights_ExistingFile_IsReplacedAndNoTemporaryFileRemains()
    {
        var path = Path.Combine(_directory, "replace.safetensors");
        File.WriteAllText(path, "old");
        using var model = OssNetModel.Create(OssNetPresets.TinyONet);
        model.SaveWeights(path);
        Assert.True(new FileInfo(path).Length > 100);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void EncodeDecodeForward_LeakNoTensors()
    {
        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        using var inputs = new ModelInputs(model.Options, 2, 5, seed: 11);
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var encoded = model.Encode(inputs.Volumes);
            Assert.Equal(new long[] { 2, 6, 32 }, encoded.Latents.shape);
        });
        using var kept = model.Encode(inputs.Volumes);
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var logits = model.Decode(inputs.Coordinates, inputs.Patches, kept);
        });
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
            logits.Dispose();
            lowResolution?.Dispose();
        });
    }

    [Fact]
    public void TrainingStep_LeaksNoTensors()
    {
        using var model = OssNetModel.Create(OssNetPresets.Tiny);
        using var inputs = new ModelInputs(model.Options, 2, 5, seed: 12);
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var scope = torch.NewDisposeScope();
            var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, inputs.Labels)
                + nn.functional.binary_cross_entropy_with_logits(lowResolution!, torch.zeros_like(lowResolution!));
            loss.backward();
        });
    }

    private static OssNetModel PerturbedTiny(int seed)
    {
        var options = OssNetPresets.Tiny;
        options.Seed = seed;
        var model = OssNetModel.Create(options);
        var generator = new torch.Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var (key, tensor) in model.state_dict())
        {
            if (tensor.is_floating_point())
            {
                // Zero-mean noise (positive for variances): a systematic shift would blow up eval-mode activations.
                using var noise = torch.rand(tensor.shape, generator: generator);
                tensor.add_(key.EndsWith("running_var", StringComparison.Ordinal) ? noise.mul_(0.05) : noise.sub_(0.5).mul_(0.02));
            }
            else
            {
                tensor.fill_(3);
            }
        }

        return model;
    }

    private static void AssertSameOutputs(OssNetModel expected, OssNetModel actual)
    {
        foreach (var (key, tensor) in expected.state_dict())
        {
            Assert.True(tensor.eq(actual.state_dict()[key]).all().item<bool>(), $"{key} differs after loading");
        }

        expected.eval();
        actual.eval();
        using var inputs = new ModelInputs(expected.Options, 2, 6, seed: 99);
        using var noGrad = torch.no_grad();
        var (a, aLow) = expected.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        var (b, bLow) = actual.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        using (a)
        using (b)
        using (aLow)
        using (bLow)
        {
            Assert.True(a.eq(b).all().item<bool>(), $"point logits differ by up to {(a - b).abs().max().item<float>()} (scale {a.abs().max().item<float>()})");
            Assert.True(aLow!.eq(bLow!).all().item<bool>(), "low-resolution logits differ");
        }
    }
}
