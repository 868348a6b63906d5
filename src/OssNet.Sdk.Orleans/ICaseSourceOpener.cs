// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Orleans;

/// <summary>Opens a manifest's location on a silo: the job lists its cases with it, and workers load one case at a time.</summary>
/// <remarks>The default uses the silo's <see cref="IVolumeSourceFactory"/> (labels not required). Replace it (register your own
/// singleton next to <c>AddOssNetSegmentation</c>) to add locations of your own, as <c>ossnet silo</c> does for <c>synthetic:N</c>.</remarks>
public interface ICaseSourceOpener
{
    /// <summary>Opens <paramref name="location"/> without reading voxels.</summary>
    /// <param name="location">The manifest's location.</param>
    /// <param name="cancellationToken">Cancels reading index files.</param>
    /// <returns>The source.</returns>
    Task<IVolumeSource> OpenAsync(string location, CancellationToken cancellationToken);
}

/// <summary>The default <see cref="ICaseSourceOpener"/>: <see cref="IVolumeSourceFactory"/> without requiring labels.</summary>
internal sealed class VolumeSourceFactoryOpener(IVolumeSourceFactory factory) : ICaseSourceOpener
{
    public Task<IVolumeSource> OpenAsync(string location, CancellationToken cancellationToken) =>
        factory.OpenAsync(location, new VolumeSourceOptions { RequireLabels = false }, cancellationToken);
}
