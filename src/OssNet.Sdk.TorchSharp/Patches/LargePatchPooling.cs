// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Patches;

/// <summary>How the 14³ mid-range patch is reduced to 7³.</summary>
/// <remarks>
/// The reference trains with average pooling and its dense inference code uses max pooling (see docs/models/oss-net.md, "Deviations and choices"). The SDK uses
/// <see cref="Average"/> in training and inference alike; <see cref="Max"/> reproduces the reference's inference.
/// </remarks>
public enum LargePatchPooling
{
    /// <summary>2×2×2 average pooling (training in the reference; the SDK default everywhere).</summary>
    Average,

    /// <summary>2×2×2 max pooling (the reference's dense inference).</summary>
    Max,
}
