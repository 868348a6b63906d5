// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Activations;

public sealed class PadeActivationUnitTests
{
    public static TheoryData<double, double> InitialValues => new()
    {
        { -2.0, -0.0188 },
        { -1.0, -0.0092 },
        { 0.0, 0.0336 },
        { 0.5, 0.5033 },
        { 1.0, 1.0008 },
        { 2.0, 2.0012 },
        { 3.0, 2.9904 },
        { 5.0, 4.6824 },
        { -5.0, -0.3676 },
    };

    public static TheoryData<string> ManagedAndTensorPaths => new() { nameof(PadeComputePath.ManagedCpu), nameof(PadeComputePath.TensorOperations) };

    [Theory]
    [MemberData(nameof(InitialValues))]
    public void Forward_AtInitialisation_MatchesSpecValues(double x, double expected)
    {
        using var pau = new PadeActivationUnit();
        using var input = torch.tensor(new[] { (float)x });
        using var output = pau.call(input);
        Assert.Equal(expected, Math.Round(output.item<float>(), 4), 4);
    }

    [Fact]
    public void Constructor_Default_HasReferenceKeysAndShapes()
    {
        using var pau = new PadeActivationUnit();
        var parameters = pau.named_parameters().Select(p => (p.name, string.Join(",", p.parameter.shape))).ToArray();
        Assert.Equal(new[] { ("weight_numerator", "6"), ("weight_denominator", "4") }, parameters);
        Assert.Equal(ScalarType.Float32, pau.Numerator.dtype);
    }

    [Fact]
    public void Constructor_WrongCoefficientCount_ThrowsNamingCount()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PadeActivationUnit([1, 2, 3], PadeActivationUnit.LeakyReluDenominator));
        Assert.Contains("got 3", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ManagedAndTensorPaths))]
    public void Forward_Float32_EqualsPlainTensorReference(string path)
    {
        using var scope = torch.NewDisposeScope();
        var (a, b) = RandomCoefficients(ScalarType.Float32, seed: 3);
        var x = SampleInput(ScalarType.Float32, seed: 4, count: 5000);
        var expected = PadeReference.Evaluate(x, a, b);
        var actual = PadeKernels.Forward(x, a, b, Enum.Parse<PadeComputePath>(path));
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max |diff| = {(actual - expected).abs().max().item<float>()}");
    }

    [Theory]
    [MemberData(nameof(ManagedAndTensorPaths))]
    public void Backward_Float64_EqualsAutogradOfPlainOperations(string path)
    {
        using var scope = torch.NewDisposeScope();
        var (a0, b0) = RandomCoefficients(ScalarType.Float64, seed: 11);
        var x0 = SampleInput(ScalarType.Float64, seed: 12, count: 777);
        var weights = torch.randn(777, dtype: ScalarType.Float64, generator: new torch.Generator(13));

        var (gx, ga, gb) = Gradients(x0, a0, b0, weights, (x, a, b) => PadeActivationFunction.Apply(x, a, b, Enum.Parse<PadeComputePath>(path)));
        var (rx, ra, rb) = Gradients(x0, a0, b0, weights, PadeReference.Evaluate);

        AssertClose(rx, gx, 1e-11, "input");
        AssertClose(ra, ga, 1e-11, "numerator");
        AssertClose(rb, gb, 1e-11, "denominator");
    }

    [Theory]
    [MemberData(nameof(ManagedAndTensorPaths))]
    public void Backward_Float64_MatchesCentralFiniteDifferences(string path)
    {
        using var scope = torch.NewDisposeScope();
        var computePath = Enum.Parse<PadeComputePath>(path);
        var (a0, b0) = RandomCoefficients(ScalarType.Float64, seed: 21);
        var x0 = SampleInput(ScalarType.Float64, seed: 22, count: 40);
        var weights = torch.randn(40, dtype: ScalarType.Float64, generator: new torch.Generator(23));
        var (gx, ga, gb) = Gradients(x0, a0, b0, weights, (x, a, b) => PadeActivationFunction.Apply(x, a, b, computePath));

        double Objective(Tensor x, Tensor a, Tensor b)
        {
            using var inner = torch.NewDisposeScope();
            return (PadeKernels.Forward(x, a, b, computePath) * weights).sum().item<double>();
        }

        const double Step = 1e-6;
        foreach (var (tensor, grad, name) in new[] { (x0, gx, "x"), (a0, ga, "a"), (b0, gb, "b") })
        {
            var count = Math.Min(tensor.numel(), 12);
            for (long i = 0; i < count; i++)
            {
                var original = tensor[i].item<double>();
                tensor[i] = torch.tensor(original + Step, dtype: ScalarType.Float64);
                var plus = Objective(x0, a0, b0);
                tensor[i] = torch.tensor(original - Step, dtype: ScalarType.Float64);
                var minus = Objective(x0, a0, b0);
                tensor[i] = torch.tensor(original, dtype: ScalarType.Float64);
                var numeric = (plus - minus) / (2 * Step);
                var analytic = grad[i].item<double>();
                Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"d/d{name}[{i}]: numeric {numeric}, analytic {analytic}");
            }
        }
    }

    [Fact]
    public void ManagedKernels_ManyBlocksAndSmallChunks_EqualTensorOperations()
    {
        using var scope = torch.NewDisposeScope();
        var (a, b) = RandomCoefficients(ScalarType.Float32, seed: 31);
        var x = SampleInput(ScalarType.Float32, seed: 32, count: 100_003);
        var g = torch.randn(100_003, generator: new torch.Generator(33));

        var expected = PadeKernels.Forward(x, a, b, PadeComputePath.TensorOperations);
        var (egx, ega, egb) = PadeKernels.Backward(x, g, a, b, PadeComputePath.TensorOperations);
        PadeKernels.MaxChunkElements = 40_001; // three chunks, the last one short, each of several blocks
        try
        {
            var actual = PadeKernels.Forward(x, a, b, PadeComputePath.ManagedCpu);
            var (gx, ga, gb) = PadeKernels.Backward(x, g, a, b, PadeComputePath.ManagedCpu);
            Assert.True(actual.allclose(expected, rtol: 1e-6, atol: 1e-7));
            Assert.True(gx.allclose(egx, rtol: 1e-5, atol: 1e-6));
            AssertClose(ega, ga, 1e-4, "numerator");
            AssertClose(egb, gb, 1e-4, "denominator");
        }
        finally
        {
            PadeKernels.MaxChunkElements = 0;
        }
    }

    [Fact]
    public void ManagedBackward_RepeatedRuns_GiveBitIdenticalCoefficientGradients()
    {
        using var scope = torch.NewDisposeScope();
        var (a, b) = RandomCoefficients(ScalarType.Float32, seed: 41);
        var x = SampleInput(ScalarType.Float32, seed: 42, count: 300_000);
        var g = torch.randn(300_000, generator: new torch.Generator(43));
        var (_, first, firstB) = PadeKernels.Backward(x, g, a, b, PadeComputePath.ManagedCpu);
        var (_, second, secondB) = PadeKernels.Backward(x, g, a, b, PadeComputePath.ManagedCpu);
        Assert.True(first.eq(second).all().item<bool>());
        Assert.True(firstB.eq(secondB).all().item<bool>());
    }

    [Fact]
    public void Forward_NonContiguousInput_EqualsContiguous()
    {
        using var scope = torch.NewDisposeScope();
        using var pau = new PadeActivationUnit();
        var x = torch.randn(new long[] { 6, 5, 4 }, generator: new torch.Generator(51)).transpose(0, 2);
        Assert.False(x.is_contiguous());
        var expected = pau.call(x.contiguous());
        var actual = pau.call(x);
        Assert.Equal(x.shape, actual.shape);
        Assert.True(actual.eq(expected).all().item<bool>());
    }

    [Fact]
    public void Forward_UnderNoGrad_BuildsNoGraph()
    {
        using var scope = torch.NewDisposeScope();
        using var pau = new PadeActivationUnit();
        var x = torch.randn(10).requires_grad_();
        using (torch.no_grad())
        {
            Assert.False(pau.call(x).requires_grad);
        }

        Assert.True(pau.call(x).requires_grad);
    }

    [Fact]
    public void Module_ForwardBackward_GivesCoefficientGradientsAndLeaksNothing()
    {
        using var pau = new PadeActivationUnit();
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var scope = torch.NewDisposeScope();
            pau.zero_grad();
            var x = torch.randn(new long[] { 2, 3, 4, 4, 4 }, generator: new torch.Generator(61)).requires_grad_();
            pau.call(x).pow(2).mean().backward();
            Assert.True(pau.Numerator.grad!.abs().sum().item<float>() > 0);
            Assert.True(pau.Denominator.grad!.abs().sum().item<float>() > 0);
            Assert.Equal(x.shape, x.grad!.shape);
        });
    }

    private static (Tensor Numerator, Tensor Denominator) RandomCoefficients(ScalarType dtype, long seed)
    {
        var generator = new torch.Generator((ulong)seed);
        var a = torch.tensor(PadeActivationUnit.LeakyReluNumerator.ToArray(), dtype: dtype)
            + (0.1 * torch.randn(6, dtype: dtype, generator: generator));
        var b = torch.tensor(PadeActivationUnit.LeakyReluDenominator.ToArray(), dtype: dtype)
            + (0.3 * torch.randn(4, dtype: dtype, generator: generator));
        b[0] = torch.tensor(-0.25, dtype: dtype); // a negative b exercises sign(b) in the gradient
        return (a, b);
    }

    /// <summary>Normal samples scaled ×3, plus exact zeros and a few large values.</summary>
    private static Tensor SampleInput(ScalarType dtype, long seed, int count)
    {
        var x = 3 * torch.randn(count, dtype: dtype, generator: new torch.Generator((ulong)seed));
        x[0] = torch.tensor(0.0, dtype: dtype);
        x[1] = torch.tensor(-7.5, dtype: dtype);
        x[2] = torch.tensor(11.0, dtype: dtype);
        return x;
    }

    private static (Tensor Input, Tensor Numerator, Tensor Denominator) Gradients(
        Tensor x0, Tensor a0, Tensor b0, Tensor weights, Func<Tensor, Tensor, Tensor, Tensor> function)
    {
        var x = x0.detach().clone().requires_grad_();
        var a = a0.detach().clone().requires_grad_();
        var b = b0.detach().clone().requires_grad_();
        (function(x, a, b) * weights).sum().backward();
        return (x.grad!, a.grad!, b.grad!);
    }

    private static void AssertClose(Tensor expected, Tensor actual, double relative, string what)
    {
        var scale = Math.Max(1.0, expected.abs().max().to(ScalarType.Float64).item<double>());
        var difference = (expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max().item<double>();
        Assert.True(difference <= relative * scale, $"{what}: max |diff| {difference} > {relative} × {scale}");
    }
}
