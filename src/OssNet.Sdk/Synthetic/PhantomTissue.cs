// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic;

/// <summary>The dominant tissue of a phantom voxel (<see cref="SyntheticPhantom.Tissues"/>), for tests and analysis.</summary>
/// <remarks>Values 1–10 occur in <see cref="PhantomKind.BrainTumour"/> phantoms, 20–34 in <see cref="PhantomKind.AbdomenLiver"/> ones.</remarks>
#pragma warning disable CA1028 // Stored in a LabelVolume (bytes), so the enum is byte-sized on purpose.
public enum PhantomTissue : byte
#pragma warning restore CA1028
{
    /// <summary>Air outside the head or body.</summary>
    Background = 0,

    /// <summary>Scalp (skin and fat around the skull).</summary>
    Scalp = 1,

    /// <summary>Skull bone.</summary>
    Skull = 2,

    /// <summary>Cerebrospinal fluid around the brain.</summary>
    Csf = 3,

    /// <summary>Grey matter.</summary>
    GreyMatter = 4,

    /// <summary>White matter.</summary>
    WhiteMatter = 5,

    /// <summary>Lateral ventricles (CSF inside the brain).</summary>
    Ventricle = 6,

    /// <summary>Peritumoural oedema (BraTS label 2).</summary>
    Oedema = 7,

    /// <summary>Enhancing tumour (BraTS label 4).</summary>
    EnhancingTumour = 8,

    /// <summary>Necrotic tumour core (BraTS label 1).</summary>
    NecroticCore = 9,

    /// <summary>A non-tumour white-matter hyperintensity: bright in FLAIR and T2 like oedema, but unlabelled (a mimic).</summary>
    WhiteMatterHyperintensity = 10,

    /// <summary>Subcutaneous and visceral fat.</summary>
    Fat = 20,

    /// <summary>Abdominal wall and paraspinal muscle.</summary>
    Muscle = 21,

    /// <summary>Other soft tissue (bowel, mesentery).</summary>
    SoftTissue = 22,

    /// <summary>Bone (vertebrae, ribs).</summary>
    Bone = 23,

    /// <summary>Intervertebral disc.</summary>
    IntervertebralDisc = 24,

    /// <summary>Spinal canal.</summary>
    SpinalCanal = 25,

    /// <summary>Aorta (contrast-enhanced).</summary>
    Aorta = 26,

    /// <summary>Inferior vena cava.</summary>
    VenaCava = 27,

    /// <summary>Kidney.</summary>
    Kidney = 28,

    /// <summary>Spleen (a liver look-alike).</summary>
    Spleen = 29,

    /// <summary>Stomach content.</summary>
    Stomach = 30,

    /// <summary>Gas in bowel or stomach.</summary>
    BowelGas = 31,

    /// <summary>Liver parenchyma (LiTS label 1).</summary>
    Liver = 32,

    /// <summary>Vessel inside the liver (labelled liver, LiTS label 1).</summary>
    LiverVessel = 33,

    /// <summary>Liver lesion (LiTS label 2).</summary>
    LiverLesion = 34,
}
