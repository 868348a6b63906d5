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

    /// <inheritdoc />
    public EncoderOutput Encode(Tensor volumes) => call(volumes);
}
