// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Models.OssNet;

/// <summary>The model family of the paper (Reich et al., BMVC 2021, Table 1) that <see cref="OssNetOptions.ForGrid"/> builds.</summary>
public enum OssNetVariant
{
    /// <summary>O-Net, the function-space baseline: plain encoder, no patches (reference <c>vanilla_o_net_wide</c>).</summary>
    ONet,

    /// <summary>OSS-Net A: plain encoder, each point's 7³ neighbourhood (reference <c>oss_net_A</c>).</summary>
    A,

    /// <summary>OSS-Net B: plain encoder, 7³ plus the 14³ neighbourhood pooled to 7³ (reference <c>oss_net_B</c>).</summary>
    B,

    /// <summary>OSS-Net C: skip encoder with one latent per decoder block, low-resolution head, 7³ patches (reference <c>oss_net_full</c>).</summary>
    C,

    /// <summary>OSS-Net D: C with the pooled 14³ patch appended (reference <c>oss_net_full2</c>).</summary>
    D,
}
