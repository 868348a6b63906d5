// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.IO;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>Service-wide options of <c>AddOssNet</c>: the default device and the limits applied when reading volume files.</summary>
/// <remarks>Bound from the <c>OssNet</c> configuration section by <c>AddOssNet(IConfiguration)</c>; validated at start-up.</remarks>
public sealed class OssNetServiceOptions
{
    /// <summary>The configuration section these options (and <c>Segmenters:&lt;name&gt;</c> below it) are read from by default.</summary>
    public const string DefaultSectionName = "OssNet";

    /// <summary>Gets or sets the device of segmenters that do not name one: <c>cpu</c>, <c>auto</c> (CUDA when available), <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <value>The default value is <c>cpu</c>.</value>
    [Required]
    [RegularExpression(DeviceNames.Pattern, ErrorMessage = DeviceNames.ErrorMessage)]
    public string DefaultDevice { get; set; } = "cpu";

    /// <summary>Gets or sets the largest number of stored values (voxels × channels) a volume file may declare.</summary>
    /// <value>The default value is 2³¹ (2,147,483,648). Range 1 to 2³¹.</value>
    [Range(1L, 1L << 31)]
    public long MaxVoxelsPerFile { get; set; } = 1L << 31;

    /// <summary>Gets or sets the largest difference per affine element (mm) between the files of one case before their grids count as different.</summary>
    /// <value>The default value is 0.001. Range 0 to 1000.</value>
    [Range(0.0, 1000.0)]
    public double GeometryTolerance { get; set; } = 1e-3;

    /// <summary>Gets or sets a value indicating whether a NaN or ±Inf voxel makes a read fail.</summary>
    /// <value>The default value is false.</value>
    public bool RejectNonFiniteVoxels { get; set; }

    /// <summary>Returns the read options these settings describe.</summary>
    public VolumeReadOptions ToReadOptions() => new()
    {
        MaxVoxels = MaxVoxelsPerFile,
        GeometryTolerance = GeometryTolerance,
        RejectNonFiniteVoxels = RejectNonFiniteVoxels,
    };
}
