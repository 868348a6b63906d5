// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp;

/// <summary>
/// Base class of occupancy decoders: a TorchSharp module <c>(coordinates, patches?, latents) → logits</c> that
/// implements <see cref="IOccupancyDecoder"/>.
/// </summary>
public abstract class OccupancyDecoderModule : Module<Tensor, Tensor?, Tensor, Tensor>, IOccupancyDecoder
{
    /// <summary>Initializes the module.</summary>
    /// <param name="name">The module name.</param>
    protected OccupancyDecoderModule(string name)
        : base(name)
    {
    }

    /// <inheritdoc />
    public abstract long LatentFeatures { get; }

    /// <inheritdoc />
    public abstract int BlockCount { get; }

    /// <inheritdoc />
    public abstract long PatchChannels { get; }

    /// <summary>Gets the logits per point: 1 for a binary decoder (sigmoid), the class count N ≥ 3 for a multi-class one (softmax).</summary>
    /// <value>The default implementation returns 1; override it in a multi-class decoder.</value>
    public virtual long OutputChannels => 1;

    /// <inheritdoc />
    public virtual bool SupportsLatentCount(long latentCount) => latentCount == 1 || latentCount == BlockCount + 1;

    /// <inheritdoc />
    public Tensor Decode(Tensor coordinates, Tensor? patches, EncoderOutput encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return call(coordinates, patches, encoded.Latents);
    }
}
