// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Samples.Tests;

/// <summary>Input data for the CLI tests.</summary>
internal static class PhantomFolder
{
    /// <summary>Writes 4-channel 60×60×30 phantoms as NIfTI files, with their labels in labels/ (a "folder of volumes"),
    /// into <paramref name="folder"/>/data and returns that path.</summary>
    /// <param name="folder">The parent folder.</param>
    /// <param name="count">The number of cases.</param>
    /// <param name="binaryLabels">Whether labels are written as 0/1 masks (whole tumour) instead of the 0/1/2/4 label maps.</param>
    public static async Task<string> WriteAsync(string folder, int count = 2, bool binaryLabels = true)
    {
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(Path.Combine(data, "labels"));
        var phantoms = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 3, Shape = new VolumeShape(60, 60, 30) }, count);
        await foreach (var phantom in phantoms.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            await VolumeFile.WriteAsync(Path.Combine(data, phantom.Id + ".nii.gz"), phantom.Image, TestContext.Current.CancellationToken);
            await VolumeFile.WriteAsync(Path.Combine(data, "labels", phantom.Id + ".nii.gz"), binaryLabels ? phantom.Label!.ToBinary() : phantom.Label!, TestContext.Current.CancellationToken);
        }

        return data;
    }
}
