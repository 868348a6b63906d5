// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.IO.Compression;
using System.Text;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Writes MetaImage files atomically: .mha (data after the header) or .mhd with a .raw (.zraw when compressed) beside it.</summary>
/// <remarks>
/// The RAS affine is written in ITK's LPS convention (Offset, TransformMatrix, ElementSpacing). Images are
/// MET_FLOAT (several channels interleaved, ElementNumberOfChannels); label maps MET_UCHAR or MET_SHORT. Data is
/// little-endian, optionally zlib-compressed (<see cref="VolumeWriteOptions.CompressMetaImage"/>).
/// </remarks>
public static class MetaImageWriter
{
    /// <summary>Writes a float32 image.</summary>
    /// <exception cref="ArgumentException">The name does not end in .mha or .mhd.</exception>
    public static Task WriteAsync(string path, Volume volume, VolumeWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return WriteFileAsync(path, volume.Geometry, volume.Channels, "MET_FLOAT", options ?? VolumeWriteOptions.Default,
            (s, ct) => VoxelStreamWriter.WriteAsync<float>(s, volume.Voxels, volume.Shape, volume.Channels, interleaved: true, ct), cancellationToken);
    }

    /// <summary>Writes a label map as MET_UCHAR or MET_SHORT (<see cref="VolumeWriteOptions.LabelDataType"/>).</summary>
    /// <exception cref="ArgumentException">The name does not end in .mha or .mhd, or the label type is not UInt8/Int16.</exception>
    public static Task WriteAsync(string path, LabelVolume labels, VolumeWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        options ??= VolumeWriteOptions.Default;
        if (options.LabelDataType is not (NiftiDataType.UInt8 or NiftiDataType.Int16))
        {
            throw new ArgumentException($"Label maps are written as UInt8 or Int16, not {options.LabelDataType}.", nameof(options));
        }

        var wide = options.LabelDataType == NiftiDataType.Int16;
        return WriteFileAsync(path, labels.Geometry, 1, wide ? "MET_SHORT" : "MET_UCHAR", options, (s, ct) => wide
            ? VoxelStreamWriter.WriteAsync<short>(s, VoxelConverter.WidenLabels(labels.Labels.Span), labels.Shape, 1, interleaved: true, ct)
            : VoxelStreamWriter.WriteAsync<byte>(s, labels.Labels, labels.Shape, 1, interleaved: true, ct), cancellationToken);
    }

    /// <summary>Builds the header text (ending with the ElementDataFile line).</summary>
    internal static string BuildHeader(VolumeGeometry geometry, int channels, string elementType, bool compressed, long? compressedSize, string dataFile)
    {
        var c = CultureInfo.InvariantCulture;
        var (spacing, offset, transform) = MetaImageGeometry.FromRas(geometry.Affine);
        static string Join(IEnumerable<double> values) => string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var text = new StringBuilder();
        text.Append("ObjectType = Image\n");
        text.Append("NDims = 3\n");
        text.Append("BinaryData = True\n");
        text.Append("BinaryDataByteOrderMSB = False\n");
        text.Append(c, $"CompressedData = {(compressed ? "True" : "False")}\n");
        if (compressedSize is { } size)
        {
            text.Append(c, $"CompressedDataSize = {size}\n");
        }

        text.Append(c, $"TransformMatrix = {Join(transform)}\n");
        text.Append(c, $"Offset = {Join(offset)}\n");
        text.Append("CenterOfRotation = 0 0 0\n");
        text.Append(c, $"ElementSpacing = {Join(spacing)}\n");
        text.Append(c, $"DimSize = {geometry.Shape.X} {geometry.Shape.Y} {geometry.Shape.Z}\n");
        if (channels > 1)
        {
            text.Append(c, $"ElementNumberOfChannels = {channels}\n");
        }

        text.Append(c, $"ElementType = {elementType}\n");
        text.Append(c, $"ElementDataFile = {dataFile}\n");
        return text.ToString();
    }

    private static async Task WriteFileAsync(
        string path, VolumeGeometry geometry, int channels, string elementType, VolumeWriteOptions options,
        Func<Stream, CancellationToken, Task> writeVoxels, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var local = path.EndsWith(".mha", StringComparison.OrdinalIgnoreCase);
        if (!local && !path.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"MetaImage files are written as .mha or .mhd; got {path}.", nameof(path));
        }

        var compress = options.CompressMetaImage;
        await using var files = new AtomicFileSet();
        if (local)
        {
            var file = files.Create(path);
            if (!compress)
            {
                await WriteTextAsync(file, BuildHeader(geometry, channels, elementType, false, null, "LOCAL"), cancellationToken).ConfigureAwait(false);
                await writeVoxels(file, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // CompressedDataSize precedes the data, so compress into a scratch file first.
                var scratchPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.z.tmp");
                await using var scratch = new FileStream(scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 256 * 1024,
                    FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await CompressAsync(scratch, writeVoxels, options, cancellationToken).ConfigureAwait(false);
                await WriteTextAsync(file, BuildHeader(geometry, channels, elementType, true, scratch.Length, "LOCAL"), cancellationToken).ConfigureAwait(false);
                scratch.Position = 0;
                await scratch.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var dataName = Path.GetFileNameWithoutExtension(path) + (compress ? ".zraw" : ".raw");
            var dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, dataName);
            var data = files.Create(dataPath);
            if (compress)
            {
                await CompressAsync(data, writeVoxels, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await writeVoxels(data, cancellationToken).ConfigureAwait(false);
            }

            var header = files.Create(path);
            await WriteTextAsync(header, BuildHeader(geometry, channels, elementType, compress, compress ? data.Length : null, dataName), cancellationToken).ConfigureAwait(false);
        }

        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CompressAsync(Stream destination, Func<Stream, CancellationToken, Task> writeVoxels, VolumeWriteOptions options, CancellationToken cancellationToken)
    {
        await using (var zlib = new ZLibStream(destination, options.CompressionLevel, leaveOpen: true))
        {
            await writeVoxels(zlib, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteTextAsync(Stream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();
}
