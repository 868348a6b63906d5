// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Datasets;

/// <summary>What kind of scan an image channel holds; it decides how the channel's intensities are normalised.</summary>
public enum ImageModality
{
    /// <summary>Not known (no name in dataset.json, or a name that is neither CT nor MRI); normalised as MRI.</summary>
    Unknown,

    /// <summary>Magnetic resonance (T1, T2, FLAIR, ADC, …): arbitrary units, normalised per case.</summary>
    Mri,

    /// <summary>Computed tomography: Hounsfield units, comparable across cases, normalised with dataset statistics.</summary>
    Ct,
}
