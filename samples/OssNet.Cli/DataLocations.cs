// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli;

/// <summary>Opens a <c>--data</c>/<c>--input</c> location: <c>synthetic[:COUNT[:SEED]]</c> (brain-tumour phantoms of 60×60×30)
/// or anything <see cref="IVolumeSourceFactory"/> recognises (MSD or BraTS folder, folder of volumes, file list, one file).</summary>
internal static class DataLocations
{
    public const string Help =
        "an MSD folder (dataset.json), a BraTS folder, a folder of .nii/.nii.gz/.mha files (labels in labels/), " +
        "a file list (.csv: image[;image…][,label] per line), one volume file, or synthetic[:COUNT[:SEED]]";

    public static async Task<IVolumeSource> OpenAsync(IVolumeSourceFactory factory, string location, bool requireLabels, CancellationToken cancellationToken)
    {
        if (location.StartsWith("synthetic", StringComparison.OrdinalIgnoreCase))
        {
            var parts = location.Split(':');
            if (parts[0].Length != "synthetic".Length || parts.Length > 3)
            {
                throw new ArgumentException($"'{location}' is not a synthetic location; use synthetic[:COUNT[:SEED]], e.g. synthetic:8.");
            }

            var count = parts.Length > 1 ? ParsePositive(parts[1], location) : 8;
            var seed = parts.Length > 2 ? ParsePositive(parts[2], location) : 11;
            return new SyntheticPhantomSource(new SyntheticPhantomOptions { Kind = PhantomKind.BrainTumour, Seed = seed, Shape = new VolumeShape(60, 60, 30) }, count);
        }

        var source = await factory.OpenAsync(location, new VolumeSourceOptions { RequireLabels = requireLabels }, cancellationToken);
        return source.CaseIds.Count > 0 ? source : throw new InvalidVolumeException(location, "holds no case");
    }

    private static int ParsePositive(string text, string location) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"'{location}': '{text}' is not a positive number.");
}
