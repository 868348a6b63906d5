// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Activations;

/// <summary>
/// Padé Activation Unit (PAU) of degrees 5/4, the learnable activation OSS-Net uses everywhere:
/// <c>PAU(x) = (a0 + a1·x + … + a5·x⁵) / (1 + |b1|·|x| + |b2|·|x|² + |b3|·|x|³ + |b4|·|x|⁴)</c>.
/// </summary>
/// <remarks>
/// <para>Reference: Molina et al., "Padé Activation Units", ICLR 2020; as used by OSS-Net (reference code
/// <c>pade_activation_unit</c>, CUDA kernel <c>forward_5_4</c>). The denominator is the kernel's per-term absolute form,
/// not the paper's <c>1 + |Σ b_k x^k|</c>. Each instance has its own 10 coefficients, shared by every element of its
/// input; state-dict keys <c>weight_numerator</c> [6] and <c>weight_denominator</c> [4].</para>
/// <para>Initialised to the reference's approximation of Leaky ReLU (<see cref="LeakyReluNumerator"/>,
/// <see cref="LeakyReluDenominator"/>). With gradients enabled it runs as a custom autograd function that keeps only its
/// input for the backward pass and recomputes the rest; coefficient gradients are reduced in double precision.
/// On CPU (float32/float64) forward and backward are single managed passes over the tensor memory; on other devices a
/// short chain of in-place tensor operations.</para>
/// </remarks>
public sealed class PadeActivationUnit : Module<Tensor, Tensor>
{
    private readonly Parameter weight_numerator;
    private readonly Parameter weight_denominator;

    /// <summary>Initializes a PAU with the reference's Leaky-ReLU-like coefficients.</summary>
    public PadeActivationUnit()
        : this(LeakyReluNumerator, LeakyReluDenominator)
    {
    }

    /// <summary>Initializes a PAU with the given coefficients.</summary>
    /// <param name="numerator">a0…a5 (6 values).</param>
    /// <param name="denominator">b1…b4 (4 values).</param>
    /// <exception cref="ArgumentException">A coefficient list has the wrong length.</exception>
    public PadeActivationUnit(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
        : base(nameof(PadeActivationUnit))
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        if (numerator.Count != PadeKernels.NumeratorLength)
        {
            throw new ArgumentException($"A 5/4 Padé unit needs {PadeKernels.NumeratorLength} numerator coefficients; got {numerator.Count}.", nameof(numerator));
        }

        if (denominator.Count != PadeKernels.DenominatorLength)
        {
            throw new ArgumentException($"A 5/4 Padé unit needs {PadeKernels.DenominatorLength} denominator coefficients; got {denominator.Count}.", nameof(denominator));
        }

        weight_numerator = new Parameter(ToFloatTensor(numerator));
        weight_denominator = new Parameter(ToFloatTensor(denominator));
        RegisterComponents();
    }

    /// <summary>Gets the reference initialisation of a0…a5 ("pade_optimized_leakyrelu").</summary>
    public static IReadOnlyList<double> LeakyReluNumerator { get; } =
        [3.35583603e-02, 5.05000375e-01, 1.65343934e+00, 2.01001052e+00, 9.31901999e-01, 1.52424124e-01];

    /// <summary>Gets the reference initialisation of b1…b4 ("pade_optimized_leakyrelu").</summary>
    public static IReadOnlyList<double> LeakyReluDenominator { get; } =
        [3.30847488e-06, 3.98021568e+00, 5.12471206e-07, 3.01830109e-01];

    /// <summary>Gets the numerator coefficients a0…a5 (a trainable parameter of shape [6]).</summary>
    public Parameter Numerator => weight_numerator;

    /// <summary>Gets the denominator coefficients b1…b4 (a trainable parameter of shape [4]).</summary>
    public Parameter Denominator => weight_denominator;

    /// <summary>Gets or sets how forward and backward are computed (tests pin a path; the default picks the fastest).</summary>
    internal PadeComputePath ComputePath { get; set; } = PadeComputePath.Auto;

    /// <summary>Applies the activation elementwise.</summary>
    /// <param name="input">Any shape, floating dtype; on the module's device.</param>
    /// <returns>A new tensor of the input's shape; the caller owns it.</returns>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tracksGradients = torch.is_grad_enabled()
            && (input.requires_grad || weight_numerator.requires_grad || weight_denominator.requires_grad);
        return tracksGradients
            ? PadeActivationFunction.Apply(input, weight_numerator, weight_denominator, ComputePath)
            : PadeKernels.Forward(input, weight_numerator, weight_denominator, ComputePath);
    }

    private static Tensor ToFloatTensor(IReadOnlyList<double> values)
    {
        var floats = new float[values.Count];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)values[i];
        }

        return torch.tensor(floats);
    }
}
