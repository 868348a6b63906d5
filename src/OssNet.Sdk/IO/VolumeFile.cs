// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Reads and writes volume files, choosing the format from the file name.</summary>
/// <remarks>
/// NIfTI: .nii, .nii.gz, .hdr/.img (and .hdr.gz/.img.gz) for reading; .nii and .nii.gz for writing.
/// MetaImage: .mha and .mhd. Names are matched case-insensitively. Every read validates the header against
/// <see cref="VolumeReadOptions"/> before allocating; every write is atomic (see <see cref="AtomicFile"/>).
/// </remarks>
public static class VolumeFile
{
    /// <summary>Returns the format a file name implies, or null when the extension is not supported.</summary>
    public static VolumeFileFormat? GetFormat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (NiftiFiles.HasNiftiExtension(path))
        {
            return VolumeFileFormat.Nifti;
        }

        return path.EndsWith(".mha", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase)
            ? VolumeFileFormat.MetaImage
            : null;
    }

    /// <summary>Reads the header only: geometry, channels and format metadata.</summary>
    /// <exception cref="InvalidVolumeException">The file is not a valid, supported volume file.</exception>
    public static async Task<VolumeFileInfo> ReadInfoAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (RequireFormat(path) == VolumeFileFormat.Nifti)
        {
            var header = await NiftiReader.ReadHeaderAsync(path, options, cancellationToken).ConfigureAwait(false);
            return new VolumeFileInfo(path, VolumeFileFormat.Nifti, header.Geometry, header.Channels, header.ToMetadata());
        }

        var meta = await MetaImageReader.ReadHeaderAsync(path, options, cancellationToken).ConfigureAwait(false);
        return new VolumeFileInfo(path, VolumeFileFormat.MetaImage, meta.Geometry, meta.Channels, meta.ToMetadata());
    }

    /// <summary>Reads an image as float32 channels.</summary>
    /// <exception cref="InvalidVolumeException">The file is malformed, unsupported, truncated or beyond the limits.</exception>
    public static async Task<Volume> ReadVolumeAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ReadVolumeWithMetadataAsync(path, options, cancellationToken).ConfigureAwait(false)).Volume;

    /// <summary>Reads a label map (one channel, integer values 0..255).</summary>
    /// <exception cref="InvalidVolumeException">The file is malformed, has several channels, or holds a value that is not a label.</exception>
    public static async Task<LabelVolume> ReadLabelsAsync(string path, VolumeReadOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ReadLabelsWithMetadataAsync(path, options, cancellationToken).ConfigureAwait(false)).Labels;

    /// <summary>Writes an image with the default <see cref="VolumeWriteOptions"/>.</summary>
    /// <exception cref="ArgumentException">The extension is not .nii, .nii.gz, .mha or .mhd.</exception>
    public static Task WriteAsync(string path, Volume volume, CancellationToken cancellationToken = default) =>
        WriteAsync(path, volume, VolumeWriteOptions.Default, cancellationToken);

    /// <summary>Writes an image (float32) atomically.</summary>
    /// <exception cref="ArgumentException">The extension is not .nii, .nii.gz, .mha or .mhd.</exception>
    public static Task WriteAsync(string path, Volume volume, VolumeWriteOptions options, CancellationToken cancellationToken = default) =>
        WriterFormat(path) == VolumeFileFormat.Nifti
            ? NiftiWriter.WriteAsync(path, volume, options, cancellationToken)
            : MetaImageWriter.WriteAsync(path, volume, options, cancellationToken);

    /// <summary>Writes a label map with the default <see cref="VolumeWriteOptions"/> (uint8).</summary>
    /// <exception cref="ArgumentException">The extension is not .nii, .nii.gz, .mha or .mhd.</exception>
    public static Task WriteAsync(string path, LabelVolume labels, CancellationToken cancellationToken = default) =>
        WriteAsync(path, labels, VolumeWriteOptions.Default, cancellationToken);

    /// <summary>Writes a label map atomically.</summary>
    /// <exception cref="ArgumentException">The extension is not .nii, .nii.gz, .mha or .mhd.</exception>
    public static Task WriteAsync(string path, LabelVolume labels, VolumeWriteOptions options, CancellationToken cancellationToken = default) =>
        WriterFormat(path) == VolumeFileFormat.Nifti
            ? NiftiWriter.WriteAsync(path, labels, options, cancellationToken)
            : MetaImageWriter.WriteAsync(path, labels, options, cancellationToken);

    internal static async Task<(Volume Volume, IReadOnlyDictionary<string, string> Metadata)> ReadVolumeWithMetadataAsync(
        string path, VolumeReadOptions? options, CancellationToken cancellationToken)
    {
        if (RequireFormat(path) == VolumeFileFormat.Nifti)
        {
            var (volume, header) = await NiftiReader.ReadVolumeWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false);
            return (volume, header.ToMetadata());
        }

        var (image, meta) = await MetaImageReader.ReadVolumeWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false);
        return (image, meta.ToMetadata());
    }

    internal static async Task<(LabelVolume Labels, IReadOnlyDictionary<string, string> Metadata)> ReadLabelsWithMetadataAsync(
        string path, VolumeReadOptions? options, CancellationToken cancellationToken)
    {
        if (RequireFormat(path) == VolumeFileFormat.Nifti)
        {
            var (labels, header) = await NiftiReader.ReadLabelsWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false);
            return (labels, header.ToMetadata());
        }

        var (map, meta) = await MetaImageReader.ReadLabelsWithHeaderAsync(path, options, cancellationToken).ConfigureAwait(false);
        return (map, meta.ToMetadata());
    }

    private static VolumeFileFormat RequireFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return GetFormat(path) ?? throw new InvalidVolumeException(path,
            "unsupported file extension; supported are .nii, .nii.gz, .hdr/.img (optionally .gz), .mha and .mhd");
    }

    private static VolumeFileFormat WriterFormat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".mha", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase))
        {
            return VolumeFileFormat.MetaImage;
        }

        return NiftiFiles.IsSingleFileName(path)
            ? VolumeFileFormat.Nifti
            : throw new ArgumentException($"Cannot write {path}: supported extensions are .nii, .nii.gz, .mha and .mhd.", nameof(path));
    }
}
