// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>Hounsfield-like intensities of the abdominal phantom (portal-venous contrast phase).</summary>
internal static class AbdomenContrast
{
    public const float Air = -1000;
    public const float Fat = -100;
    public const float Muscle = 50;
    public const float SoftTissue = 40;
    public const float CorticalBone = 700;
    public const float CancellousBone = 250;
    public const float Disc = 90;
    public const float SpinalCanal = 15;
    public const float Aorta = 160;
    public const float VenaCava = 110;
    public const float KidneyCortex = 150;
    public const float KidneyMedulla = 90;
    public const float Spleen = 48;
    public const float StomachFluid = 15;
    public const float Gas = -850;
    public const float Liver = 60;
    public const float LiverVessel = 120;

    /// <summary>The HU range of CT scanners; generated values are clamped to it.</summary>
    public const float Minimum = -1024;

    /// <summary>The upper end of the 12-bit HU range.</summary>
    public const float Maximum = 3071;
}
