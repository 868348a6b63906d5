// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using OssNet.Sdk.IO;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Micro;

/// <summary>Reading a BraTS-sized 4-channel float32 image (240×240×155×4, a tumour phantom) with <see cref="NiftiReader"/>,
/// gzip-compressed and uncompressed. The nifti-read command compares against nibabel.</summary>
public class NiftiReadBenchmarks
{
    private string _folder = null!;
    private string _compressed = null!;
    private string _uncompressed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ossnet-micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _compressed = Path.Combine(_folder, "phantom.nii.gz");
        _uncompressed = Path.Combine(_folder, "phantom.nii");
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Seed = 3, Shape = new VolumeShape(240, 240, 155) });
        NiftiWriter.WriteAsync(_compressed, phantom.Image).GetAwaiter().GetResult();
        NiftiWriter.WriteAsync(_uncompressed, phantom.Image).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "NIfTI read 240×240×155×4 float32, .nii.gz")]
    public Volume ReadCompressed() => NiftiReader.ReadVolumeAsync(_compressed).GetAwaiter().GetResult();

    [Benchmark(Description = "NIfTI read 240×240×155×4 float32, .nii")]
    public Volume ReadUncompressed() => NiftiReader.ReadVolumeAsync(_uncompressed).GetAwaiter().GetResult();
}
