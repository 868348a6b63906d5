// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>Opens a dataset from a location on disk, recognising its layout (see <see cref="VolumeSourceFactory"/>).</summary>
/// <remarks>Registered as a singleton by <c>AddOssNet()</c>; implementations are thread-safe and stateless.</remarks>
public interface IVolumeSourceFactory
{
    /// <summary>Opens the dataset at <paramref name="location"/> without reading any voxels.</summary>
    /// <param name="location">A Medical Segmentation Decathlon folder (or its dataset.json), a BraTS folder, a folder of
    /// volume files, a file list (.csv, .tsv or .txt) or a single volume file.</param>
    /// <param name="options">How to open it; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels reading index files.</param>
    /// <returns>The source; cases load lazily.</returns>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="location"/>, or a listed file is missing.</exception>
    /// <exception cref="InvalidVolumeException">The location holds no recognisable dataset, or an index file is malformed.</exception>
    Task<IVolumeSource> OpenAsync(string location, VolumeSourceOptions? options = null, CancellationToken cancellationToken = default);
}
