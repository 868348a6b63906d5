// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Planning;

/// <summary>Settings of <see cref="DatasetPlanner"/>: overrides of its decisions and the limits it plans within.</summary>
public sealed class DatasetPlannerOptions
{
    /// <summary>The default memory budget: 128×128×128 voxels (see docs/guides/planning.md for the measurements behind it).</summary>
    public const long DefaultMaxGridVoxels = 128L * 128 * 128;

    /// <summary>Gets or sets the target spacing (mm, RAS axes) to use instead of the one derived from the data. Default null (derive).</summary>
    public (double X, double Y, double Z)? TargetSpacing { get; set; }

    /// <summary>Gets or sets the model grid to use instead of the derived one; each extent must be a multiple of <see cref="GridMultiple"/>.
    /// The derived spacing is then coarsened until the planned extent fits this grid. Default null (derive).</summary>
    public VolumeShape? GridShape { get; set; }

    /// <summary>Gets or sets the multiple every grid extent is rounded up to. Default 32: the OSS-Net encoder sees the grid at
    /// half resolution and halves it 4 more times, 2⁵ in all.</summary>
    public int GridMultiple { get; set; } = 32;

    /// <summary>Gets or sets the memory budget: the most voxels a derived grid may have; the spacing is coarsened until it fits.
    /// Default 2,097,152 (128³).</summary>
    public long MaxGridVoxels { get; set; } = DefaultMaxGridVoxels;

    /// <summary>Gets or sets the per-axis percentile (0–100) of the cases' cropped extents the grid is sized for. Default 100
    /// (the largest case: a whole-volume model should see every case at the target spacing); 50 is the median.</summary>
    public double ExtentPercentile { get; set; } = 100;

    /// <summary>Gets or sets the voxels kept around the body's non-zero box on every side when cropping. Default 2.</summary>
    public int CropMarginVoxels { get; set; } = 2;

    /// <summary>Gets or sets nnU-Net's anisotropy threshold: when the coarsest axis's median spacing is more than this times the
    /// next coarsest (and it has this many times fewer voxels), that axis gets the 10th percentile of its spacings. Default 3.</summary>
    public double AnisotropyThreshold { get; set; } = 3;

    /// <summary>Gets or sets the most distinct values (background included) a label file may hold to be read as a label map;
    /// more make it a mask whose non-zero voxels are all foreground. Used only when the dataset does not list its labels. Default 16.</summary>
    public int MaxLabelValues { get; set; } = 16;

    /// <summary>Gets or sets the modality of every channel, instead of dataset.json's channel names and the Hounsfield-range
    /// check. Default null (detect).</summary>
    public ImageModality? Modality { get; set; }

    /// <summary>Gets or sets how many voxel values per case and channel are sampled for intensity statistics. Default 10,000 (as nnU-Net).</summary>
    public int IntensitySamplesPerCase { get; set; } = 10_000;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (TargetSpacing is { } s && !(s.X > 0 && s.Y > 0 && s.Z > 0 && double.IsFinite(s.X + s.Y + s.Z)))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetSpacing), s, "The target spacing must be positive and finite on every axis.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(GridMultiple, 1, nameof(GridMultiple));
        if (GridShape is { } g)
        {
            g.Validate();
            if (g.X % GridMultiple != 0 || g.Y % GridMultiple != 0 || g.Z % GridMultiple != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(GridShape), g, $"Every extent of the grid must be a multiple of {nameof(GridMultiple)} ({GridMultiple}).");
            }
        }

        var smallest = (long)GridMultiple * GridMultiple * GridMultiple;
        if (MaxGridVoxels < smallest)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxGridVoxels), MaxGridVoxels, $"The budget must hold at least one grid of {GridMultiple}³ = {smallest:N0} voxels.");
        }

        if (!(ExtentPercentile is >= 0 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(ExtentPercentile), ExtentPercentile, "The extent percentile must lie in [0, 100].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(CropMarginVoxels, nameof(CropMarginVoxels));
        if (!(AnisotropyThreshold > 1) || !double.IsFinite(AnisotropyThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(AnisotropyThreshold), AnisotropyThreshold, "The anisotropy threshold must be a finite number above 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLabelValues, 2, nameof(MaxLabelValues));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxLabelValues, 256, nameof(MaxLabelValues));
        if (Modality is { } m && !Enum.IsDefined(m))
        {
            throw new ArgumentOutOfRangeException(nameof(Modality), m, "Unknown modality.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(IntensitySamplesPerCase, 2, nameof(IntensitySamplesPerCase));
    }
}
