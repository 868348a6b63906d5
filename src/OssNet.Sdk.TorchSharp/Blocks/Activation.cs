// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Activations;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>The activation every OSS-Net block uses unless told otherwise.</summary>
internal static class Activation
{
    /// <summary>Creates a new <see cref="PadeActivationUnit"/> (each call site owns its own 10 coefficients).</summary>
    internal static Module<Tensor, Tensor> Default() => new PadeActivationUnit();
}
