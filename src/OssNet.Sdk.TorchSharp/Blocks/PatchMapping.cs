// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// Maps each point's local 7×7×7 patch to 343 features:
/// <c>Conv3d(Cp → max(Cp/2, 1), 7³, pad 3) → PAU → Dropout → Conv3d(→ 1, 7³, pad 3) → PAU</c>, then flatten.
/// </summary>
/// <remarks>Reference code <c>oss_net/decoder.py: PatchMapping</c>; keys <c>mapping.{0,1,3,4}</c> (index 2 is the
/// parameterless dropout).</remarks>
public sealed class PatchMapping : Module<Tensor, Tensor>
{
    /// <summary>The edge length of a patch in voxels.</summary>
    public const int PatchSize = 7;

    /// <summary>The number of features a patch maps to (7³).</summary>
    public const int OutputFeatures = PatchSize * PatchSize * PatchSize;

    private readonly Sequential mapping;

    /// <summary>Initializes the mapping.</summary>
    /// <param name="inputChannels">Patch channels Cp (small patches C, or 2C with the large patches appended).</param>
    /// <param name="dropout">Dropout probability (the reference uses 0).</param>
    /// <param name="activationFactory">Creates each activation; default a new PAU.</param>
    public PatchMapping(long inputChannels, double dropout = 0.0, Func<Module<Tensor, Tensor>>? activationFactory = null)
        : base(nameof(PatchMapping))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        var activation = activationFactory ?? Activation.Default;
        InputChannels = inputChannels;
        var hidden = Math.Max(inputChannels / 2, 1);
        mapping = Sequential(
            Conv3d(inputChannels, hidden, kernel_size: PatchSize, stride: 1, padding: PatchSize / 2, bias: true),
            activation(),
            Dropout(dropout),
            Conv3d(hidden, 1, kernel_size: PatchSize, stride: 1, padding: PatchSize / 2, bias: true),
            activation());
        RegisterComponents();
    }

    /// <summary>Gets the patch channels Cp.</summary>
    public long InputChannels { get; }

    /// <summary>Maps patches to features.</summary>
    /// <param name="input">[M, Cp, 7, 7, 7].</param>
    /// <returns>[M, 1, 343]; the caller owns it.</returns>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Shape(input, [-1, InputChannels, PatchSize, PatchSize, PatchSize], nameof(input));
        using var scope = torch.NewDisposeScope();
        return mapping.call(input).flatten(2).MoveToOuterDisposeScope();
    }
}
