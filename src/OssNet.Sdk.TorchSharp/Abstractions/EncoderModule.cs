// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp;

/// <summary>
/// Base class of encoders: a TorchSharp module from volumes to an <see cref="EncoderOutput"/> that implements
/// <see cref="IEncoder"/>. Derive from it to plug your own encoder into <c>OssNetModel.Create</c>.
/// </summary>
/// <remarks>
/// As for any TorchSharp module: submodules are fields (not properties), call <c>RegisterComponents()</c> last in the
/// constructor, and run <c>forward</c> in one dispose scope, moving the results out
/// (<c>new EncoderOutput(latents.MoveToOuterDisposeScope())</c>).
/// </remarks>
public abstract class EncoderModule : Module<Tensor, EncoderOutput>, IEncoder
{
    /// <summary>Initializes the module.</summary>
    /// <param name="name">The module name.</param>
    protected EncoderModule(string name)
        : base(name)
    {
    }

    /// <inheritdoc />
    public abstract long InputChannels { get; }

    /// <inheritdoc />
    public abstract long LatentFeatures { get; }

    /// <inheritdoc />
    public abstract int LatentCount { get; }

    /// <inheritdoc />
    public abstract bool HasLowResolutionHead { get; }

    /// <summary>Gets the channels of the low-resolution head's logits: 1 for a binary model, the class count N ≥ 3 for a multi-class one.</summary>
    /// <value>The default implementation returns 1; override it when the head predicts N classes.</value>
    public virtual long LowResolutionChannels => 1;

    /// <inheritdoc />
    public EncoderOutput Encode(Tensor volumes) => call(volumes);
}
