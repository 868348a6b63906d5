// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>A volume source that knows what its dataset says about itself (channel names, labels), before any voxel is read.</summary>
public interface IDescribedVolumeSource : IVolumeSource
{
    /// <summary>Gets the dataset's description; <see cref="DatasetDescription.Empty"/> parts are unknown.</summary>
    DatasetDescription Description { get; }
}
