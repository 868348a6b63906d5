// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Samples.Tests;

/// <summary>Input data for the CLI tests.</summary>
internal static class PhantomFolder
{
    /// <summary>Writes two 4-channel 60×60×30 phantoms as NIfTI files, with their labels in labels/ (a "folder of volumes"),
    /// into <paramref name="folder"/>/data and returns that path.</summary>
    public static async Task<string> WriteAsync(string folder)
    {
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(Path.Combine(data, "labels"));
        var phantoms = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 3, Shape = new VolumeShape(60, 60, 30) }, 2);
        await foreach (var phantom in phantoms.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            await VolumeFile.WriteAsync(Path.Combine(data, phantom.Id + ".nii.gz"), phantom.Image, TestContext.Current.CancellationToken);
            await VolumeFile.WriteAsync(Path.Combine(data, "labels", phantom.Id + ".nii.gz"), phantom.Label!.ToBinary(), TestContext.Current.CancellationToken);
        }

        return data;
    }
}
