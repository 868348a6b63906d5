// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// Mean intensities of each brain tissue in the four channels (FLAIR, T1, T1ce, T2), in arbitrary MR units (0–1000),
/// chosen to reproduce the qualitative contrasts of glioma MRI.
/// </summary>
/// <remarks>
/// FLAIR: oedema bright, CSF suppressed. T1: tumour and oedema darker than white matter. T1ce: enhancing rim very bright,
/// necrosis dark. T2: oedema, necrosis and CSF bright (so the ventricles mimic oedema in T2 and only FLAIR tells them apart).
/// Unlabelled mimics (white-matter hyperintensities, periventricular caps) are bright in FLAIR and T2 but never enhance.
/// </remarks>
internal static class BrainContrast
{
    public static readonly float[] Scalp = [330, 620, 640, 380];
    public static readonly float[] Skull = [50, 80, 85, 60];
    public static readonly float[] Csf = [110, 160, 170, 950];
    public static readonly float[] GreyMatter = [460, 430, 440, 560];
    public static readonly float[] WhiteMatter = [390, 600, 610, 410];
    public static readonly float[] Oedema = [760, 360, 370, 820];
    public static readonly float[] Enhancing = [620, 390, 980, 690];
    public static readonly float[] Necrosis = [330, 220, 200, 900];

    /// <summary>Change caused by a non-tumour white-matter hyperintensity (unlabelled mimic): FLAIR/T2 up, no enhancement.</summary>
    public static readonly float[] HyperintensityShift = [230, -70, -80, 230];

    /// <summary>Change of the periventricular caps (unlabelled, FLAIR-bright rims around the ventricles).</summary>
    public static readonly float[] PeriventricularShift = [170, -30, -30, 120];
}
