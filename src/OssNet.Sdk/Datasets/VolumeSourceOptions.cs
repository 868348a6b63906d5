// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;

namespace OssNet.Sdk.Datasets;

/// <summary>How <see cref="IVolumeSourceFactory.OpenAsync"/> opens a dataset.</summary>
public sealed class VolumeSourceOptions
{
    /// <summary>Gets or sets the list of a Medical Segmentation Decathlon dataset.json to load.</summary>
    /// <value>The default value is <see cref="MsdSplit.Training"/> (image/label pairs).</value>
    public MsdSplit Split { get; set; } = MsdSplit.Training;

    /// <summary>Gets or sets a value indicating whether every case must have a label (BraTS folders: a missing
    /// <c>_seg</c> file fails the case; folders of volumes: a missing label file fails the open).</summary>
    /// <value>The default value is false: unlabelled cases load without a label.</value>
    public bool RequireLabels { get; set; }

    /// <summary>Gets or sets the folder that holds the label maps of a folder of volumes, matched by file name.</summary>
    /// <value>The default value is null: a <c>labels</c> sub-folder is used when it exists.</value>
    public string? LabelDirectory { get; set; }

    /// <summary>Gets or sets the read limits and checks applied to every file.</summary>
    /// <value>The default value is null: <see cref="VolumeReadOptions.Default"/>.</value>
    public VolumeReadOptions? ReadOptions { get; set; }
}
