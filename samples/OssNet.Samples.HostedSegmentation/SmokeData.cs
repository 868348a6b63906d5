// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Volumes;

namespace OssNet.Samples.HostedSegmentation;

/// <summary>For <c>--smoke</c>: two phantoms as NIfTI files (labels in <c>labels/</c>) and an untrained O-Net-shaped tiny model's weights.</summary>
internal static class SmokeData
{
    public static async Task<IReadOnlyDictionary<string, string?>> CreateAsync(string folder)
    {
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(Path.Combine(images, "labels"));
        var phantoms = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 77, Shape = new VolumeShape(60, 60, 30) }, 2);
        await foreach (var phantom in phantoms.ReadAllAsync())
        {
            await VolumeFile.WriteAsync(Path.Combine(images, phantom.Id + ".nii.gz"), phantom.Image);
            await VolumeFile.WriteAsync(Path.Combine(images, "labels", phantom.Id + ".nii.gz"), phantom.Label!);
        }

        // tiny_o_net has no patches, so even an untrained model segments in a fraction of a second.
        var weights = Path.Combine(folder, "tiny-o-net.dat");
        var options = OssNetPresets.TinyONet;
        options.InputChannels = 4;
        using (var model = OssNetModel.Create(options))
        {
            model.SaveWeights(weights);
        }

        return new Dictionary<string, string?>
        {
            ["OssNet:Segmenters:brain:Preset"] = "tiny_o_net",
            ["OssNet:Segmenters:brain:WeightsPath"] = weights,
            ["Job:InputFolder"] = images,
            ["Job:OutputFolder"] = Path.Combine(folder, "masks"),
        };
    }
}
