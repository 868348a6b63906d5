// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic;

/// <summary>Ground-truth facts about one lesion of a synthetic phantom.</summary>
/// <param name="CentreVoxel">The lesion centre in (fractional) voxel indices.</param>
/// <param name="RadiusMillimetres">The mean outer radius in mm (the actual boundary varies by up to about ±45 %).</param>
/// <param name="HasCore">Whether the lesion has a core (enhancing tumour in the brain; none in the liver).</param>
/// <param name="HasNecrosis">Whether the core has a necrotic centre.</param>
/// <param name="IsSmall">Whether the lesion was drawn from the small-lesion range (a satellite).</param>
public sealed record SyntheticLesion(
    (double X, double Y, double Z) CentreVoxel,
    double RadiusMillimetres,
    bool HasCore,
    bool HasNecrosis,
    bool IsSmall);
