// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.IO.Compression;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Writes NIfTI-1 single files (.nii, or .nii.gz gzip-compressed) atomically.</summary>
/// <remarks>
/// Images are float32 (channels become dim[4]); label maps are uint8 or int16 with intent LABEL. qform and sform
/// both hold the geometry's affine (codes from <see cref="VolumeWriteOptions"/>), pixdim the affine's column norms,
/// xyzt_units mm, scl_slope 1 / scl_inter 0. Data is little-endian at vox_offset 352.
/// </remarks>
public static class NiftiWriter
{
    /// <summary>Writes a float32 image.</summary>
    /// <exception cref="ArgumentException">The name does not end in .nii or .nii.gz, or the shape exceeds NIfTI-1's int16 dims.</exception>
    public static Task WriteAsync(string path, Volume volume, VolumeWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        options ??= VolumeWriteOptions.Default;
        NiftiHeaderEncoder.EnsureFits(volume.Shape, volume.Channels);
        var header = NiftiHeaderEncoder.Encode(volume.Geometry, volume.Channels, NiftiDataType.Float32, 0, options);
        return WriteFileAsync(path, header, options, (stream, ct) =>
            VoxelStreamWriter.WriteAsync<float>(stream, volume.Voxels, volume.Shape, volume.Channels, interleaved: false, ct), cancellationToken);
    }

    /// <summary>Writes a label map as uint8 or int16 (<see cref="VolumeWriteOptions.LabelDataType"/>).</summary>
    /// <exception cref="ArgumentException">The name does not end in .nii or .nii.gz, or the label type is not uint8/int16.</exception>
    public static Task WriteAsync(string path, LabelVolume labels, VolumeWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        options ??= VolumeWriteOptions.Default;
        NiftiHeaderEncoder.EnsureFits(labels.Shape, 1);
        var type = options.LabelDataType;
        if (type is not (NiftiDataType.UInt8 or NiftiDataType.Int16))
        {
            throw new ArgumentException($"Label maps are written as UInt8 or Int16, not {type}.", nameof(options));
        }

        var header = NiftiHeaderEncoder.Encode(labels.Geometry, 1, type, NiftiHeaderEncoder.IntentLabel, options);
        return WriteFileAsync(path, header, options, (stream, ct) => type == NiftiDataType.UInt8
            ? VoxelStreamWriter.WriteAsync<byte>(stream, labels.Labels, labels.Shape, 1, interleaved: false, ct)
            : VoxelStreamWriter.WriteAsync<short>(stream, VoxelConverter.WidenLabels(labels.Labels.Span), labels.Shape, 1, interleaved: false, ct), cancellationToken);
    }

    private static Task WriteFileAsync(string path, byte[] header, VolumeWriteOptions options, Func<Stream, CancellationToken, Task> writeVoxels, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!NiftiFiles.IsSingleFileName(path))
        {
            throw new ArgumentException($"NIfTI files are written as .nii or .nii.gz; got {path}.", nameof(path));
        }

        var compress = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        return AtomicFile.WriteAsync(path, async (file, ct) =>
        {
            if (!compress)
            {
                await file.WriteAsync(header, ct).ConfigureAwait(false);
                await writeVoxels(file, ct).ConfigureAwait(false);
                return;
            }

            await using var gzip = new GZipStream(file, options.CompressionLevel, leaveOpen: true);
            await gzip.WriteAsync(header, ct).ConfigureAwait(false);
            await writeVoxels(gzip, ct).ConfigureAwait(false);
        }, cancellationToken);
    }
}
