// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic;

/// <summary>Which anatomy a synthetic phantom imitates.</summary>
public enum PhantomKind
{
    /// <summary>
    /// BraTS-like brain MRI: 4 channels (FLAIR, T1, T1ce, T2), labels 1 necrotic core, 2 oedema, 4 enhancing tumour.
    /// </summary>
    BrainTumour,

    /// <summary>LiTS-like abdominal CT: 1 channel in Hounsfield units, labels 1 liver, 2 liver lesion.</summary>
    AbdomenLiver,
}
