// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Reads MetaImage images: .mha (data after the header, ElementDataFile = LOCAL) and .mhd with a separate data file.</summary>
/// <remarks>
/// <para>Element types MET_CHAR … MET_DOUBLE (and _ARRAY forms with ElementNumberOfChannels); either byte order;
/// zlib or gzip CompressedData. The LPS geometry is converted to a RAS+ affine. A data file must lie inside the
/// header's folder. Sizes are checked against <see cref="VolumeReadOptions"/> and the file length before allocating.</para>
/// </remarks>
public static class MetaImageReader
{
    /// <summary>Reads and validates the header without reading voxels.</summary>
    /// <exception cref="InvalidVolumeException">The header is malformed or unsupported.</exception>
    public static async Task<MetaImageHeader> ReadHeaderAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var file = FileStreams.OpenRead(path);
        return await MetaImageHeaderParser.ReadAsync(file, path, options ?? VolumeReadOptions.Default, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an image as float32 channels.</summary>
    /// <exception cref="InvalidVolumeException">The file is malformed, unsupported, truncated or beyond the limits.</exception>
    public static async Task<Volume> ReadVolumeAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ReadVolumeWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false)).Volume;

    /// <summary>Reads a label map: one channel of integers in 0..255.</summary>
    /// <exception cref="InvalidVolumeException">The file is malformed, has several channels, or holds a value that is not a label.</exception>
    public static async Task<LabelVolume> ReadLabelsAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ReadLabelsWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false)).Labels;

    internal static async Task<(Volume Volume, MetaImageHeader Header)> ReadVolumeWithHeaderAsync(string path, VolumeReadOptions? options, CancellationToken cancellationToken)
    {
        options ??= VolumeReadOptions.Default;
        var (voxels, header) = await ReadAsync(path, options, (s, layout, dataPath, ct) => VoxelStreamReader.ReadSingleAsync(s, layout, dataPath, ct), cancellationToken).ConfigureAwait(false);
        var volume = new Volume(header.Geometry, header.Channels, voxels);
        if (options.RejectNonFiniteVoxels)
        {
            VolumeValidation.EnsureFinite(volume, path);
        }

        return (volume, header);
    }

    internal static async Task<(LabelVolume Labels, MetaImageHeader Header)> ReadLabelsWithHeaderAsync(string path, VolumeReadOptions? options, CancellationToken cancellationToken)
    {
        options ??= VolumeReadOptions.Default;
        var (labels, header) = await ReadAsync(path, options, (s, layout, dataPath, ct) => VoxelStreamReader.ReadLabelsAsync(s, layout, dataPath, ct), cancellationToken).ConfigureAwait(false);
        return (new LabelVolume(header.Geometry, labels), header);
    }

    private static async Task<(T Data, MetaImageHeader Header)> ReadAsync<T>(
        string path, VolumeReadOptions options, Func<Stream, VoxelLayout, string, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var headerFile = FileStreams.OpenRead(path);
        var header = await MetaImageHeaderParser.ReadAsync(headerFile, path, options, cancellationToken).ConfigureAwait(false);

        FileStream data;
        string dataPath;
        long start;
        if (header.IsLocal)
        {
            (data, dataPath, start) = (headerFile, path, header.HeaderLength);
        }
        else
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            dataPath = PathGuard.ResolveInside(folder, header.ElementDataFile, path, "ElementDataFile");
            if (!File.Exists(dataPath))
            {
                throw new InvalidVolumeException(path, $"the data file {header.ElementDataFile} named by ElementDataFile does not exist");
            }

            data = FileStreams.OpenRead(dataPath);
            start = 0;
        }

        await using var ownedData = ReferenceEquals(data, headerFile) ? null : data;
        var needed = header.Layout.ByteCount;
        var available = data.Length - start;
        if (header.HeaderSize > 0 && !header.IsLocal)
        {
            if (header.HeaderSize > available)
            {
                throw new InvalidVolumeException(dataPath, $"HeaderSize {header.HeaderSize:N0} is larger than the data file ({available:N0} bytes)");
            }

            start += header.HeaderSize;
            available -= header.HeaderSize;
        }
        else if (header.HeaderSize == -1 && !header.IsLocal)
        {
            if (header.IsCompressed)
            {
                throw new InvalidVolumeException(path, "HeaderSize = -1 (data at the end of the file) cannot be used with CompressedData");
            }

            if (available < needed)
            {
                throw new InvalidVolumeException(dataPath, $"truncated: the data file has {available:N0} bytes but the header needs {needed:N0}");
            }

            start += available - needed;
            available = needed;
        }

        data.Position = start;
        try
        {
            if (!header.IsCompressed)
            {
                if (available < needed)
                {
                    throw new InvalidVolumeException(dataPath,
                        $"truncated: {(header.IsLocal ? "the LOCAL data after the header" : "the data file")} has {available:N0} bytes but the header needs {needed:N0} " +
                        $"({header.Layout.ElementCount:N0} values × {header.Layout.Type.SizeOf()} bytes)");
                }

                return (await read(data, header.Layout, dataPath, cancellationToken).ConfigureAwait(false), header);
            }

            if (header.CompressedDataSize is { } declared && declared != available)
            {
                throw new InvalidVolumeException(dataPath, $"CompressedDataSize is {declared:N0} but {available:N0} bytes of compressed data follow");
            }

            GzipLimits.EnsurePlausible(dataPath, needed, available);
            var gzip = await FileStreams.StartsWithGzipAsync(data, cancellationToken).ConfigureAwait(false);
            await using var inflater = GzipLimits.OpenDecompressor(data, gzip);
            var result = await read(inflater, header.Layout, dataPath, cancellationToken).ConfigureAwait(false);
            await GzipLimits.DrainAsync(inflater, options.MaxTrailingBytes, dataPath, cancellationToken).ConfigureAwait(false);
            return (result, header);
        }
        catch (Exception e) when (GzipLimits.IsCorruptData(e))
        {
            throw GzipLimits.Corrupt(dataPath, "zlib", e);
        }
    }
}
