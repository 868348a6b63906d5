// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Datasets;

/// <summary>Which list of a Medical Segmentation Decathlon dataset.json to load.</summary>
public enum MsdSplit
{
    /// <summary>"training": image/label pairs (imagesTr, labelsTr).</summary>
    Training,

    /// <summary>"test": images without labels (imagesTs).</summary>
    Test,
}
