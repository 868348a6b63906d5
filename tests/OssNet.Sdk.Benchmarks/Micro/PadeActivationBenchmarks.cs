// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using OssNet.Sdk.TorchSharp.Activations;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.Benchmarks.Micro;

/// <summary>The Padé activation unit on a float32 CPU tensor: forward alone (no autograd) and forward + backward
/// (the custom autograd function: input and both coefficient gradients).</summary>
public class PadeActivationBenchmarks
{
    private PadeActivationUnit _unit = null!;
    private Tensor _input = null!;
    private Tensor _gradient = null!;

    [Params(1_000_000, 16_000_000)]
    public int Elements { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _unit = new PadeActivationUnit();
        var generator = new torch.Generator(17);
        _input = torch.randn([Elements], generator: generator).mul_(2);
        _gradient = torch.randn([Elements], generator: generator);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _unit.Dispose();
        _input.Dispose();
        _gradient.Dispose();
    }

    [Benchmark(Description = "PAU forward (no_grad)")]
    public void Forward()
    {
        using var noGrad = torch.no_grad();
        using var output = _unit.call(_input);
    }

    [Benchmark(Description = "PAU forward + backward")]
    public void ForwardBackward()
    {
        using var scope = torch.NewDisposeScope();
        var input = _input.detach().requires_grad_(true);
        var output = _unit.call(input);
        output.backward([_gradient]);
        _unit.zero_grad();
    }
}
