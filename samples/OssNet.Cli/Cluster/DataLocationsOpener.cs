// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Orleans;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli.Cluster;

/// <summary>Lets silos open every location <c>ossnet segment --input</c> accepts, <c>synthetic:N</c> included.</summary>
internal sealed class DataLocationsOpener(IVolumeSourceFactory factory) : ICaseSourceOpener
{
    public Task<IVolumeSource> OpenAsync(string location, CancellationToken cancellationToken) =>
        DataLocations.OpenAsync(factory, location, requireLabels: false, cancellationToken);
}
