// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Reads NIfTI-1 and NIfTI-2 images: .nii, .nii.gz, and .hdr/.img pairs (either part may be gzipped).</summary>
/// <remarks>
/// <para>Either byte order; datatypes uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64;
/// scl_slope/scl_inter applied; dims 4..7 become channels; extensions are skipped. Voxels are transposed from file
/// order (x fastest) into the SDK layout (z fastest). Compression is detected from the gzip magic, not the name.</para>
/// <para>Sizes are checked against <see cref="VolumeReadOptions"/> and the file length before anything is
/// allocated; gzip data is inflated in slabs straight into the result (see docs/formats.md).</para>
/// </remarks>
public static class NiftiReader
{
    /// <summary>Reads and validates the header (and extension list) without reading voxels.</summary>
    /// <exception cref="InvalidVolumeException">The file is not a valid, supported NIfTI file.</exception>
    public static async Task<NiftiHeader> ReadHeaderAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await using var source = await NiftiSource.OpenAsync(path, options ?? VolumeReadOptions.Default, cancellationToken).ConfigureAwait(false);
        return source.Header;
    }

    /// <summary>Reads an image as float32 channels (scaling applied).</summary>
    /// <exception cref="InvalidVolumeException">The file is malformed, unsupported, truncated or beyond the limits.</exception>
    public static async Task<Volume> ReadVolumeAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ReadVolumeWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false)).Volume;

    /// <summary>Reads a label map: one channel of integers in 0..255 (float data with integral values is accepted).</summary>
    /// <exception cref="InvalidVolumeException">The file is malformed, has several channels, or holds a value that is not a label.</exception>
    public static async Task<LabelVolume> ReadLabelsAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ReadLabelsWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false)).Labels;

    internal static async Task<(Volume Volume, NiftiHeader Header)> ReadVolumeWithHeaderAsync(string path, VolumeReadOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= VolumeReadOptions.Default;
        await using var source = await NiftiSource.OpenAsync(path, options, cancellationToken).ConfigureAwait(false);
        var header = source.Header;
        var voxels = await source.ReadAsync(
            (stream, ct) => VoxelStreamReader.ReadSingleAsync(stream, header.Layout, source.Files.DataPath, ct), options, cancellationToken).ConfigureAwait(false);
        var volume = new Volume(header.Geometry, header.Channels, voxels);
        if (options.RejectNonFiniteVoxels)
        {
            VolumeValidation.EnsureFinite(volume, path);
        }

        return (volume, header);
    }

    internal static async Task<(LabelVolume Labels, NiftiHeader Header)> ReadLabelsWithHeaderAsync(string path, VolumeReadOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= VolumeReadOptions.Default;
        await using var source = await NiftiSource.OpenAsync(path, options, cancellationToken).ConfigureAwait(false);
        var header = source.Header;
        var labels = await source.ReadAsync(
            (stream, ct) => VoxelStreamReader.ReadLabelsAsync(stream, header.Layout, source.Files.DataPath, ct), options, cancellationToken).ConfigureAwait(false);
        return (new LabelVolume(header.Geometry, labels), header);
    }

    /// <summary>An opened NIfTI image: the validated header and the data stream positioned at vox_offset.</summary>
    private sealed class NiftiSource : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];

        private NiftiSource(NiftiFiles files) => Files = files;

        public NiftiFiles Files { get; }

        public NiftiHeader Header { get; private set; } = null!;

        private Stream Data { get; set; } = null!;

        private bool Compressed { get; set; }

        public static async Task<NiftiSource> OpenAsync(string path, VolumeReadOptions options, CancellationToken cancellationToken)
        {
            var source = new NiftiSource(NiftiFiles.Resolve(path));
            try
            {
                if (source.Files.IsPair)
                {
                    await source.OpenPairAsync(options, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await source.OpenSingleAsync(options, cancellationToken).ConfigureAwait(false);
                }

                return source;
            }
            catch (Exception e) when (GzipLimits.IsCorruptData(e))
            {
                await source.DisposeAsync().ConfigureAwait(false);
                throw GzipLimits.Corrupt(path, "gzip", e);
            }
            catch
            {
                await source.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Reads the voxels with <paramref name="read"/>, then drains a gzip stream's tail so its CRC is checked.</summary>
        public async Task<T> ReadAsync<T>(Func<Stream, CancellationToken, ValueTask<T>> read, VolumeReadOptions options, CancellationToken cancellationToken)
        {
            try
            {
                var result = await read(Data, cancellationToken).ConfigureAwait(false);
                if (Compressed)
                {
                    await GzipLimits.DrainAsync(Data, options.MaxTrailingBytes, Files.DataPath, cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch (Exception e) when (GzipLimits.IsCorruptData(e))
            {
                throw GzipLimits.Corrupt(Files.DataPath, "gzip", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync().ConfigureAwait(false);
            }

            _owned.Clear();
        }

        private async Task<(Stream Stream, long FileLength, bool Compressed)> OpenAsync(string path, CancellationToken cancellationToken)
        {
            var file = FileStreams.OpenRead(path);
            _owned.Add(file);
            var length = file.Length;
            if (length == 0)
            {
                throw new InvalidVolumeException(path, "the file is empty");
            }

            if (!await FileStreams.StartsWithGzipAsync(file, cancellationToken).ConfigureAwait(false))
            {
                return (file, length, false);
            }

            var gzip = GzipLimits.OpenDecompressor(file, gzip: true);
            _owned.Add(gzip);
            return (gzip, length, true);
        }

        private async Task OpenSingleAsync(VolumeReadOptions options, CancellationToken cancellationToken)
        {
            var path = Files.HeaderPath;
            var (stream, length, compressed) = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[NiftiHeaderParser.Nifti2Size + 4];
            var n = await stream.ReadAtLeastAsync(buffer.AsMemory(0, 4), 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (n < 4)
            {
                throw new InvalidVolumeException(path, $"the file holds {n} bytes{(compressed ? " after decompression" : string.Empty)}, too few for a NIfTI header");
            }

            var (version, little) = NiftiHeaderParser.DetectVersion(buffer.AsSpan(0, 4), path);
            var headerSize = NiftiHeaderParser.HeaderSize(version);
            n += await stream.ReadAtLeastAsync(buffer.AsMemory(4, headerSize), headerSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (n < headerSize)
            {
                throw new InvalidVolumeException(path, $"truncated header: {n} of {headerSize} bytes (NIfTI-{version})");
            }

            var header = NiftiHeaderParser.Parse(buffer.AsSpan(0, headerSize), version, little, singleFile: true, path, options);
            CheckDataFits(header, header.VoxelOffset, length, compressed, path, options);

            // The bytes between the header and vox_offset: the 4-byte extension flag, then extensions or padding.
            var regionStart = headerSize + 4;
            var region = await FileStreams.ReadExactlyAsync(stream, header.VoxelOffset - Math.Min(n, regionStart), path, "the header extensions (before vox_offset)", cancellationToken).ConfigureAwait(false);
            var hasExtensions = n > headerSize && buffer[headerSize] != 0;
            if (hasExtensions)
            {
                header.Extensions = NiftiHeaderParser.ParseExtensions(region.AsSpan(regionStart - n), regionStart, little, path, "vox_offset");
            }

            (Header, Data, Compressed) = (header, stream, compressed);
        }

        private async Task OpenPairAsync(VolumeReadOptions options, CancellationToken cancellationToken)
        {
            var headerPath = Files.HeaderPath;
            var (headerStream, _, _) = await OpenAsync(headerPath, cancellationToken).ConfigureAwait(false);
            var bytes = await FileStreams.ReadAllBoundedAsync(headerStream, options.MaxHeaderBytes, headerPath, "the .hdr file", cancellationToken).ConfigureAwait(false);
            if (bytes.Length < 4)
            {
                throw new InvalidVolumeException(headerPath, $"the file holds {bytes.Length} bytes, too few for a NIfTI header");
            }

            var (version, little) = NiftiHeaderParser.DetectVersion(bytes.AsSpan(0, 4), headerPath);
            var headerSize = NiftiHeaderParser.HeaderSize(version);
            if (bytes.Length < headerSize)
            {
                throw new InvalidVolumeException(headerPath, $"truncated header: {bytes.Length} of {headerSize} bytes (NIfTI-{version})");
            }

            var header = NiftiHeaderParser.Parse(bytes.AsSpan(0, headerSize), version, little, singleFile: false, headerPath, options);
            if (bytes.Length > headerSize + 4 && bytes[headerSize] != 0)
            {
                header.Extensions = NiftiHeaderParser.ParseExtensions(bytes.AsSpan(headerSize + 4), headerSize + 4, little, headerPath, "the end of the .hdr");
            }

            var dataPath = Files.DataPath;
            var (data, length, compressed) = await OpenAsync(dataPath, cancellationToken).ConfigureAwait(false);
            CheckDataFits(header, header.VoxelOffset, length, compressed, dataPath, options);
            if (compressed)
            {
                _ = await FileStreams.ReadExactlyAsync(data, header.VoxelOffset, dataPath, "the bytes before vox_offset", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                data.Position = header.VoxelOffset;
            }

            (Header, Data, Compressed) = (header, data, compressed);
        }

        /// <summary>Checks vox_offset + data size against the limits and the file length before anything is allocated.</summary>
        private static void CheckDataFits(NiftiHeader header, long voxOffset, long fileLength, bool compressed, string path, VolumeReadOptions options)
        {
            if (voxOffset > options.MaxHeaderBytes)
            {
                throw new InvalidVolumeException(path, $"vox_offset {voxOffset:N0} is beyond the header limit of {options.MaxHeaderBytes:N0} bytes (VolumeReadOptions.MaxHeaderBytes)");
            }

            var needed = voxOffset + header.Layout.ByteCount;
            if (compressed)
            {
                GzipLimits.EnsurePlausible(path, needed, fileLength);
                return;
            }

            if (voxOffset > fileLength)
            {
                throw new InvalidVolumeException(path, $"vox_offset {voxOffset:N0} is past the end of the file ({fileLength:N0} bytes)");
            }

            if (needed > fileLength)
            {
                throw new InvalidVolumeException(path,
                    $"truncated: the file has {fileLength:N0} bytes but the header needs {needed:N0} (vox_offset {voxOffset:N0} + " +
                    $"{header.Layout.ElementCount:N0} values × {header.Layout.Type.SizeOf()} bytes)");
            }
        }
    }
}
