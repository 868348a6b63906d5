// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>How a residual U-Net halves the resolution between two levels of its encoder.</summary>
public enum UNetPooling
{
    /// <summary>Max pooling, kernel 2, stride 2 (the classic U-Net; the default).</summary>
    Max,

    /// <summary>Average pooling, kernel 2, stride 2 (what the OSS-Net encoder uses).</summary>
    Average,
}
