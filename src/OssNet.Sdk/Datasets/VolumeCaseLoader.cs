// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>Loads a <see cref="VolumeFileCase"/>: reads each image file, checks that all share one grid, concatenates their channels and reads the label.</summary>
internal static class VolumeCaseLoader
{
    public static async ValueTask<VolumeCase> LoadAsync(string sourceName, VolumeFileCase files, VolumeReadOptions options, CancellationToken cancellationToken)
    {
        if (files.ImagePaths.Count == 0)
        {
            throw new InvalidVolumeException(files.Id, $"case '{files.Id}' lists no image file");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = sourceName, ["case"] = files.Id };
        var warnings = new List<string>();
        var images = new List<Volume>(files.ImagePaths.Count);
        for (var i = 0; i < files.ImagePaths.Count; i++)
        {
            var path = RequireFile(files.Id, files.ImagePaths[i]);
            var (image, fileMetadata) = await VolumeFile.ReadVolumeWithMetadataAsync(path, options, cancellationToken).ConfigureAwait(false);
            if (i > 0)
            {
                Compare(files.Id, images[0].Geometry, files.ImagePaths[0], image.Geometry, path, options, warnings);
            }

            images.Add(image);
            Record(metadata, $"image{i}", path, fileMetadata);
        }

        var volume = Concatenate(images);
        for (var c = 0; c < files.ChannelNames.Count; c++)
        {
            metadata[string.Create(CultureInfo.InvariantCulture, $"channel{c}")] = files.ChannelNames[c];
        }

        LabelVolume? label = null;
        if (files.LabelPath is not null)
        {
            var path = RequireFile(files.Id, files.LabelPath);
            var (labels, fileMetadata) = await VolumeFile.ReadLabelsWithMetadataAsync(path, options, cancellationToken).ConfigureAwait(false);
            Compare(files.Id, volume.Geometry, files.ImagePaths[0], labels.Geometry, path, options, warnings);
            label = labels.Geometry == volume.Geometry ? labels : new LabelVolume(volume.Geometry, labels.Labels);
            Record(metadata, "label", path, fileMetadata);
        }

        if (warnings.Count > 0)
        {
            metadata["warnings"] = string.Join("; ", warnings);
        }

        return new VolumeCase(files.Id, volume, label, metadata);
    }

    private static string RequireFile(string caseId, string path) =>
        File.Exists(path) ? path : throw new InvalidVolumeException(path, $"case '{caseId}': the file does not exist");

    /// <summary>A different shape always fails; a different affine fails or is recorded, per <see cref="VolumeReadOptions.AffineMismatch"/>.</summary>
    private static void Compare(string caseId, VolumeGeometry reference, string referencePath, VolumeGeometry other, string otherPath, VolumeReadOptions options, List<string> warnings)
    {
        if (VolumeValidation.DescribeMismatch(reference, other, options.GeometryTolerance) is not { } mismatch)
        {
            return;
        }

        var message = $"case '{caseId}': {Path.GetFileName(otherPath)} {mismatch} of {Path.GetFileName(referencePath)}";
        if (reference.Shape != other.Shape || options.AffineMismatch == AffineMismatchPolicy.Reject)
        {
            throw new InvalidVolumeException(otherPath, message);
        }

        warnings.Add(message);
    }

    private static void Record(Dictionary<string, string> metadata, string prefix, string path, IReadOnlyDictionary<string, string> fileMetadata)
    {
        metadata[prefix + ".path"] = path;
        foreach (var (key, value) in fileMetadata)
        {
            metadata[prefix + "." + key] = value;
        }
    }

    private static Volume Concatenate(List<Volume> images)
    {
        if (images.Count == 1)
        {
            return images[0];
        }

        var channels = images.Sum(v => v.Channels);
        var voxels = GC.AllocateUninitializedArray<float>(checked(channels * (int)images[0].Shape.VoxelCount));
        var at = 0;
        foreach (var image in images)
        {
            image.Voxels.Span.CopyTo(voxels.AsSpan(at));
            at += image.Voxels.Length;
        }

        return new Volume(images[0].Geometry, channels, voxels);
    }
}
