// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic;

/// <summary>A generated phantom with its ground truth: the case, the tissue of every voxel and the lesion list.</summary>
public sealed class SyntheticPhantom
{
    /// <summary>Initializes a phantom.</summary>
    public SyntheticPhantom(PhantomKind kind, VolumeCase volumeCase, LabelVolume tissues, IReadOnlyList<SyntheticLesion> lesions)
    {
        ArgumentNullException.ThrowIfNull(volumeCase);
        ArgumentNullException.ThrowIfNull(tissues);
        ArgumentNullException.ThrowIfNull(lesions);
        Kind = kind;
        Case = volumeCase;
        Tissues = tissues;
        Lesions = lesions;
    }

    /// <summary>Gets the anatomy the phantom imitates.</summary>
    public PhantomKind Kind { get; }

    /// <summary>Gets the case: image, label (BraTS or LiTS label values) and metadata.</summary>
    public VolumeCase Case { get; }

    /// <summary>Gets the dominant tissue of every voxel (values of <see cref="PhantomTissue"/>) on the case's grid.</summary>
    public LabelVolume Tissues { get; }

    /// <summary>Gets the lesions in the order they were drawn (the first is the largest).</summary>
    public IReadOnlyList<SyntheticLesion> Lesions { get; }
}
