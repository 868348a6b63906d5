// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using TorchSharp;
using static TorchSharp.torch;
using static OssNet.Sdk.TorchSharp.Tests.Models.Baselines.UNetTestSupport;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

/// <summary>Behaviour shared by <see cref="ResidualUNet3D"/> and <see cref="ResidualUNet2D"/>, run for both ranks.</summary>
public sealed class ResidualUNetTests : IDisposable
{
    private readonly string _directory = NewTemporaryDirectory();

    /// <summary>Variant and input shape [B, C, spatial…]; the rank follows from the shape. Odd, even, tiny and batched.</summary>
    public static TheoryData<string, long[]> Shapes => new()
    {
        { "tiny", [2, 1, 17, 18, 19] },
        { "tiny", [1, 1, 16, 16, 16] },
        { "tiny", [3, 1, 5, 7, 9] },
        { "tiny", [1, 1, 3, 5, 6] },
        { "interpolation", [2, 1, 17, 18, 19] },
        { "average_pooling", [2, 1, 17, 18, 19] },
        { "single_level", [2, 1, 17, 18, 19] },
        { "wide_multiplier", [2, 1, 17, 18, 19] },
        { "multi_channel", [2, 4, 17, 18, 19] },
        { "tiny", [2, 1, 17, 19] },
        { "tiny", [1, 1, 16, 16] },
        { "tiny", [4, 1, 5, 9] },
        { "tiny", [1, 1, 3, 6] },
        { "interpolation", [2, 1, 17, 19] },
        { "average_pooling", [2, 1, 17, 19] },
        { "single_level", [2, 1, 17, 19] },
        { "wide_multiplier", [2, 1, 17, 19] },
        { "multi_channel", [2, 4, 17, 19] },
    };

    public static TheoryData<int, string> RanksAndVariants
    {
        get
        {
            var data = new TheoryData<int, string>();
            foreach (var rank in new[] { 3, 2 })
            {
                foreach (var variant in Variants)
                {
                    data.Add(rank, variant);
                }
            }

            return data;
        }
    }

    public static TheoryData<int, string> RanksAndWeightFormats => new()
    {
        { 3, ".dat" },
        { 3, ".pt" },
        { 3, ".safetensors" },
        { 2, ".dat" },
        { 2, ".pt" },
        { 2, ".safetensors" },
    };

    public static TheoryData<int> Ranks => new() { 3, 2 };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_AnySpatialSizeAndBatch_ReturnsLogitsOfInputSpatialShape(string variant, long[] shape)
    {
        using var scope = torch.NewDisposeScope();
        var options = Options(shape.Length - 2, variant);
        using var model = ResidualUNet.Create(options);
        var input = RandomInput(shape, seed: 1);

        var logits = model.call(input);

        var expected = (long[])shape.Clone();
        expected[1] = options.OutputChannels;
        Assert.Equal(expected, logits.shape);
        Assert.Equal(ScalarType.Float32, logits.dtype);
        Assert.True(logits.isfinite().all().item<bool>(), "the logits are not all finite");
        Assert.Equal(shape, input.shape);
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Forward_OddSize_EqualsCropOfTheZeroPaddedInput(int rank)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ResidualUNet.Create(Options(rank, "tiny"));
        model.eval();
        var shape = rank == 3 ? new long[] { 2, 1, 17, 18, 19 } : [2, 1, 17, 19];
        var input = RandomInput(shape, seed: 2);

        // The documented contract: zero padding at the high end to a multiple of 2^(Depth-1), then a crop.
        var pads = rank == 3 ? new long[] { 0, 1, 0, 2, 0, 3 } : [0, 1, 0, 3];
        var padded = nn.functional.pad(input, pads);
        Assert.All(padded.shape.Skip(2), extent => Assert.Equal(0, extent % model.SizeMultiple));
        var expected = model.call(padded);
        for (var dim = 2; dim < shape.Length; dim++)
        {
            expected = expected.narrow(dim, 0, shape[dim]);
        }

        var actual = model.Predict(input);

        Assert.True(Identical(expected, actual), $"max |diff| = {(expected - actual).abs().max().item<float>()}");
    }

    [Theory]
    [MemberData(nameof(RanksAndVariants))]
    public void Backward_OneStep_GivesEveryParameterAFiniteNonZeroGradient(int rank, string variant)
    {
        using var scope = torch.NewDisposeScope();
        var options = Options(rank, variant);
        using var model = ResidualUNet.Create(options);
        var shape = rank == 3 ? new long[] { 2, options.InputChannels, 9, 10, 11 } : [2, options.InputChannels, 17, 19];
        var input = RandomInput(shape, seed: 3);
        var targetShape = (long[])shape.Clone();
        targetShape[1] = options.OutputChannels;
        var target = torch.rand(targetShape, generator: new torch.Generator(4)).gt(0.5).to_type(ScalarType.Float32);

        var loss = nn.functional.binary_cross_entropy_with_logits(model.call(input), target);
        loss.backward();

        var parameters = model.named_parameters().ToList();
        Assert.Equal(UNetParameterFormula.Count(options), parameters.Sum(p => p.parameter.numel()));
        Assert.All(parameters, p =>
        {
            Assert.True(p.parameter.grad is not null, $"{p.name} has no gradient");
            Assert.True(p.parameter.grad!.isfinite().all().item<bool>(), $"{p.name} has a non-finite gradient");
            Assert.True(p.parameter.grad!.abs().max().item<float>() > 0, $"{p.name} has an all-zero gradient");
        });
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Forward_EvalMode_IsDeterministic(int rank)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ResidualUNet.Create(Options(rank, "tiny"));
        model.eval();
        var input = RandomInput(rank == 3 ? [2, 1, 17, 18, 19] : [2, 1, 17, 19], seed: 5);

        var first = model.Predict(input);
        var second = model.Predict(input);

        Assert.True(Identical(first, second));
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Create_SameSeed_IdenticalWeights_OtherSeed_DifferentWeights(int rank)
    {
        using var a = ResidualUNet.Create(Options(rank, "tiny", seed: 21));
        using var b = ResidualUNet.Create(Options(rank, "tiny", seed: 21));
        using var c = ResidualUNet.Create(Options(rank, "tiny", seed: 22));
        var sa = a.state_dict();
        var sb = b.state_dict();
        var sc = c.state_dict();

        Assert.All(sa.Keys, key => Assert.True(Identical(sa[key], sb[key]), $"{key} differs under the same seed"));
        Assert.Contains(sa.Keys, key => !Identical(sa[key], sc[key]));
    }

    [Theory]
    [MemberData(nameof(RanksAndWeightFormats))]
    public void SaveWeights_ThenLoadWeights_ReproducesOutputsBitForBit(int rank, string extension)
    {
        using var scope = torch.NewDisposeScope();
        var input = RandomInput(rank == 3 ? [2, 1, 9, 10, 11] : [2, 1, 17, 19], seed: 6);
        using var trained = ResidualUNet.Create(Options(rank, "tiny", seed: 31));
        TrainOneStep(trained, input);
        trained.eval();
        var expected = trained.Predict(input);
        var path = Path.Combine(_directory, "weights" + extension);

        trained.SaveWeights(path);
        using var restored = ResidualUNet.Create(Options(rank, "tiny", seed: 32));
        restored.LoadWeights(path);
        restored.eval();
        var actual = restored.Predict(input);

        Assert.True(Identical(expected, actual), $"max |diff| = {(expected - actual).abs().max().item<float>()}");
        var running = restored.state_dict().First(e => e.Key.EndsWith("running_mean", StringComparison.Ordinal)).Value;
        Assert.True(running.abs().sum().item<float>() > 0, "the batch-norm running statistics were not restored");
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void ForwardAndTrainingStep_LeakNoTensors(int rank)
    {
        using var model = ResidualUNet.Create(Options(rank, "tiny"));
        using var odd = RandomInput(rank == 3 ? [2, 1, 9, 10, 11] : [2, 1, 17, 19], seed: 7);
        using var even = RandomInput(rank == 3 ? [2, 1, 8, 8, 8] : [2, 1, 16, 16], seed: 8);
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var logits = model.call(odd);
        });
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var logits = model.Predict(even);
        });
        TensorLeakGuard.AssertNoLeaks(() => TrainOneStep(model, odd));
        model.eval();
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var inference = torch.inference_mode();
            using var logits = model.Predict(odd);
        });
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Forward_WithoutGradients_HoldsOnlyTheLastDecoderOutputWhenTheHeadRuns(int rank)
    {
        // The memory contract: skips, pooled, padded, up-sampled and concatenated tensors are released as soon as they
        // are consumed, so when the 1x1 head runs the forward pass holds exactly one tensor of its own.
        using var model = ResidualUNet.Create(Options(rank, "tiny"));
        model.eval();
        using var input = RandomInput(rank == 3 ? [1, 1, 9, 10, 11] : [1, 1, 17, 19], seed: 9);
        var head = (nn.Module<Tensor, Tensor>)model.named_children().Single(c => c.name == "head").module;
        long? liveAtHead = null;
        var hook = head.register_forward_pre_hook((_, x) =>
        {
            liveAtHead = TensorLeakGuard.LiveTensors;
            return x;
        });
        using var noGrad = torch.no_grad();
        using (var warmUp = model.call(input))
        {
        }

        var before = TensorLeakGuard.LiveTensors;
        using var logits = model.call(input);

        Assert.NotNull(liveAtHead);
        Assert.Equal(1, liveAtHead!.Value - before);
        hook.remove();
    }

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Forward_WrongChannelsOrRank_ThrowsNamingTheShape(int rank)
    {
        using var model = ResidualUNet.Create(Options(rank, "tiny"));
        using var wrongChannels = torch.zeros(rank == 3 ? new long[] { 1, 3, 8, 8, 8 } : [1, 3, 8, 8]);
        using var wrongRank = torch.zeros(rank == 3 ? new long[] { 1, 1, 8, 8 } : [1, 1, 8, 8, 8]);

        var channels = Assert.Throws<ArgumentException>(() => model.call(wrongChannels));
        var ranks = Assert.Throws<ArgumentException>(() => model.call(wrongRank));

        Assert.Contains(rank == 3 ? "[1, 3, 8, 8, 8]" : "[1, 3, 8, 8]", channels.Message, StringComparison.Ordinal);
        Assert.Contains($"must have {rank + 2} dimensions", ranks.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PicksTheTypeFromSpatialDimensions()
    {
        using var volumes = ResidualUNet.Create(UNetPresets.Tiny3D);
        using var slices = ResidualUNet.Create("TINY_2D");

        Assert.IsType<ResidualUNet3D>(volumes);
        Assert.IsType<ResidualUNet2D>(slices);
        Assert.Equal(3, volumes.SpatialDimensions);
        Assert.Equal(new long[] { 2, 4, 8 }, volumes.LevelChannels);
        Assert.Equal(4, volumes.SizeMultiple);
        Assert.Equal("tiny_2d", slices.Options.Name);
    }

    [Fact]
    public void Create_ReluActivationFactory_ReplacesEveryPadeUnit()
    {
        var options = UNetPresets.Tiny3D;
        options.ActivationFactory = () => nn.ReLU();
        using var model = ResidualUNet.Create(options);

        Assert.Equal(UNetParameterFormula.Count(options, activationParameters: 0), model.TrainableParameterCount);
        Assert.DoesNotContain(model.state_dict().Keys, key => key.Contains("weight_numerator", StringComparison.Ordinal));
        using var input = torch.zeros(new long[] { 2, 1, 5, 6, 7 });
        using var logits = model.call(input);
        Assert.Equal(new long[] { 2, 1, 5, 6, 7 }, logits.shape);
    }

    /// <summary>One BCE step with Adam, so the weights and batch-norm running statistics move away from their start.</summary>
    private static void TrainOneStep(ResidualUNet model, Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        model.train();
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-2);
        optimizer.zero_grad();
        var logits = model.call(input);
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, input.gt(0).to_type(ScalarType.Float32));
        loss.backward();
        optimizer.step();
    }
}
