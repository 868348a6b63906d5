// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Planning;

/// <summary>What the planner measured on the training cases (nnU-Net's "dataset fingerprint"). Axes are in RAS order.</summary>
/// <param name="CaseCount">The number of training cases read.</param>
/// <param name="Cases">One entry per case, in the source's order.</param>
/// <param name="MedianSpacing">The per-axis median of the cases' voxel spacings (mm, RAS axes).</param>
/// <param name="MedianCroppedShape">The per-axis median of the cases' body-cropped extents, in voxels at the plan's target spacing.</param>
/// <param name="Channels">Intensity statistics per image channel.</param>
/// <param name="LabelValues">The distinct values found in the label files (empty when no case has a label).</param>
public sealed record DatasetFingerprint(
    int CaseCount,
    IReadOnlyList<CaseFingerprint> Cases,
    (double X, double Y, double Z) MedianSpacing,
    VolumeShape MedianCroppedShape,
    IReadOnlyList<ChannelFingerprint> Channels,
    IReadOnlyList<int> LabelValues);

/// <summary>One training case as the planner saw it.</summary>
/// <param name="Id">The case identifier.</param>
/// <param name="Orientation">The orientation code of the case as stored (e.g. "LSA"); it is reoriented to RAS.</param>
/// <param name="Shape">The shape after reorientation to RAS, in voxels.</param>
/// <param name="Spacing">The voxel spacing after reorientation to RAS (mm).</param>
/// <param name="CroppedShape">The shape of the body crop (non-zero box plus margin) in voxels, RAS axes, at the case's own spacing.</param>
public sealed record CaseFingerprint(string Id, string Orientation, VolumeShape Shape, (double X, double Y, double Z) Spacing, VolumeShape CroppedShape);

/// <summary>Intensity statistics of one image channel over the training cases.</summary>
/// <param name="Name">The channel's name (from the dataset, or "channel N").</param>
/// <param name="Foreground">Over the foreground: the labelled voxels (label &gt; 0) where a case has a label, otherwise its non-zero voxels; null when there were none.</param>
/// <param name="Image">Over all voxels of the cases (used to recognise Hounsfield units).</param>
public sealed record ChannelFingerprint(string Name, IntensityStatistics? Foreground, IntensityStatistics Image);

/// <summary>Statistics of sampled voxel values (nnU-Net samples up to 10,000 foreground voxels per case).</summary>
/// <param name="Mean">The mean.</param>
/// <param name="StandardDeviation">The standard deviation (population).</param>
/// <param name="Min">The smallest sampled value.</param>
/// <param name="Max">The largest sampled value.</param>
/// <param name="Median">The median.</param>
/// <param name="LowPercentile">The 0.5th percentile (the lower CT clipping bound).</param>
/// <param name="HighPercentile">The 99.5th percentile (the upper CT clipping bound).</param>
/// <param name="SampleCount">How many voxel values were sampled.</param>
public sealed record IntensityStatistics(double Mean, double StandardDeviation, double Min, double Max, double Median, double LowPercentile, double HighPercentile, long SampleCount);

/// <summary>The plan for one image channel: its name, modality and normalisation.</summary>
/// <param name="Name">The channel's name.</param>
/// <param name="Modality">The modality it was planned as.</param>
/// <param name="Normalization">How its intensities are normalised.</param>
public sealed record ChannelPlan(string Name, ImageModality Modality, ChannelNormalization Normalization);
