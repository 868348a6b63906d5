// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// A 3D convolution with a k³ kernel and "same" zero padding over small cubic patches, computed as one matrix product.
/// Numerically the same function (and the same <c>weight</c>/<c>bias</c> parameters and state-dict keys) as
/// <c>Conv3d(inputChannels, outputChannels, k, padding: k / 2)</c>.
/// </summary>
/// <remarks>
/// <para>Why: OSS-Net's patch mapping convolves 16,384 tiny 7³ patches with 7³ kernels and 1–8 channels. libtorch's CPU
/// convolution handles such shapes one small sample at a time and ran at a few GFLOP/s (seconds per training step). On a
/// P³ patch the convolution is a linear map from Cin·P³ inputs to Cout·P³ outputs: the module assembles that operator
/// matrix from the kernel once per call (a gather, differentiable w.r.t. the kernel) and applies it to all patches in a
/// single GEMM, which runs near the machine's matrix-multiply rate forward and backward.</para>
/// <para>The operator has Cin·Cout·P⁶ entries (3.8 MB for 4→2 channels on 7³ patches), so this suits small patches only.</para>
/// </remarks>
public sealed class PatchConvolution3D : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Parameter fields are named as Conv3d's so state-dict keys match the reference.
    private readonly Parameter weight;
    private readonly Parameter bias;
#pragma warning restore IDE1006
    private readonly Tensor _kernelIndex; // [P³·P³]: kernel offset for (output q, input p), or k³ where the kernel does not reach

    /// <summary>Initializes the convolution with PyTorch's default Conv3d initialisation (U(±1/√fan_in) for weight and bias).</summary>
    /// <param name="inputChannels">Cin.</param>
    /// <param name="outputChannels">Cout.</param>
    /// <param name="kernelSize">k (odd).</param>
    /// <param name="patchSize">P, the patch edge the module is applied to.</param>
    public PatchConvolution3D(long inputChannels, long outputChannels, int kernelSize, int patchSize)
        : base(nameof(PatchConvolution3D))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(patchSize, 1);
        if (kernelSize < 1 || kernelSize % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "The kernel size must be odd and positive.");
        }

        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        KernelSize = kernelSize;
        PatchSize = patchSize;
        var fanIn = inputChannels * kernelSize * kernelSize * kernelSize;
        var bound = 1.0 / Math.Sqrt(fanIn);
        weight = new Parameter(torch.empty([outputChannels, inputChannels, kernelSize, kernelSize, kernelSize]).uniform_(-bound, bound));
        bias = new Parameter(torch.empty(outputChannels).uniform_(-bound, bound));
        _kernelIndex = BuildKernelIndex(kernelSize, patchSize);
        register_buffer(nameof(_kernelIndex), _kernelIndex, persistent: false);
        RegisterComponents();
    }

    /// <summary>Gets Cin.</summary>
    public long InputChannels { get; }

    /// <summary>Gets Cout.</summary>
    public long OutputChannels { get; }

    /// <summary>Gets k.</summary>
    public int KernelSize { get; }

    /// <summary>Gets P.</summary>
    public int PatchSize { get; }

    /// <summary>Gets the kernel [Cout, Cin, k, k, k] (as Conv3d's <c>weight</c>).</summary>
    public Parameter Weight => weight;

    /// <summary>Gets the bias [Cout] (as Conv3d's <c>bias</c>).</summary>
    public Parameter Bias => bias;

    /// <summary>Convolves the patches.</summary>
    /// <param name="input">[N, Cin, P, P, P].</param>
    /// <returns>[N, Cout, P, P, P]; the caller owns it.</returns>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Shape(input, [-1, InputChannels, PatchSize, PatchSize, PatchSize], nameof(input));
        using var scope = torch.NewDisposeScope();
        var cells = (long)PatchSize * PatchSize * PatchSize;
        var taps = (long)KernelSize * KernelSize * KernelSize;

        // W_ext[o, c, t] with a zero tap appended at t = k³ for (q, p) pairs the kernel does not reach.
        var kernel = torch.cat([weight.reshape(OutputChannels, InputChannels, taps), torch.zeros([OutputChannels, InputChannels, 1], weight.dtype, weight.device)], 2);
        var operatorMatrix = kernel.index_select(2, _kernelIndex.to(weight.device)) // [Cout, Cin, q·p]
            .reshape(OutputChannels, InputChannels, cells, cells)               // [Cout, Cin, q, p]
            .permute(1, 3, 0, 2)                                                // [Cin, p, Cout, q]
            .reshape(InputChannels * cells, OutputChannels * cells);
        var output = input.reshape(input.shape[0], InputChannels * cells).matmul(operatorMatrix)
            .reshape(input.shape[0], OutputChannels, cells)
            .add(bias.reshape(1, OutputChannels, 1));
        return output.reshape(input.shape[0], OutputChannels, PatchSize, PatchSize, PatchSize).MoveToOuterDisposeScope();
    }

    /// <summary>Redraws the weights from <paramref name="generator"/> with the Conv3d default distribution.</summary>
    internal void ResetParameters(Generator generator)
    {
        var bound = 1.0 / Math.Sqrt(InputChannels * KernelSize * KernelSize * KernelSize);
        using var noGrad = torch.no_grad();
        weight.uniform_(-bound, bound, generator);
        bias.uniform_(-bound, bound, generator);
    }

    private static Tensor BuildKernelIndex(int kernelSize, int patchSize)
    {
        var pad = kernelSize / 2;
        var cells = patchSize * patchSize * patchSize;
        var taps = kernelSize * kernelSize * kernelSize;
        var index = new long[(long)cells * cells];
        for (var q = 0; q < cells; q++)
        {
            var (qx, qy, qz) = (q / (patchSize * patchSize), q / patchSize % patchSize, q % patchSize);
            for (var p = 0; p < cells; p++)
            {
                var (px, py, pz) = (p / (patchSize * patchSize), p / patchSize % patchSize, p % patchSize);
                var (dx, dy, dz) = (px - qx + pad, py - qy + pad, pz - qz + pad);
                var inside = (uint)dx < (uint)kernelSize && (uint)dy < (uint)kernelSize && (uint)dz < (uint)kernelSize;
                index[((long)q * cells) + p] = inside ? (((dx * kernelSize) + dy) * kernelSize) + dz : taps;
            }
        }

        return torch.tensor(index);
    }
}
