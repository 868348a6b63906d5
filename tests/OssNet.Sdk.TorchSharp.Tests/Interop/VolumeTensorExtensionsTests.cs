// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Interop;

public sealed class VolumeTensorExtensionsTests
{
    [Fact]
    public void ToTensor_KeepsTheZFastestLayout()
    {
        var volume = Volume.Zeros(VolumeGeometry.Create(new VolumeShape(3, 4, 5), 1, 1, 2), channels: 2);
        volume[1, 2, 3, 4] = 5f;

        using var tensor = volume.ToTensor();

        Assert.Equal(new long[] { 2, 3, 4, 5 }, tensor.shape);
        Assert.Equal(5f, tensor[1, 2, 3, 4].item<float>());
    }

    [Fact]
    public void RoundTrip_VolumeAndLabels_AreIdentical()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(4, 3, 2));
        var values = Enumerable.Range(0, 24).Select(i => (float)(i * 0.5)).ToArray();
        var volume = new Volume(geometry, 1, values);
        var labels = new LabelVolume(geometry, Enumerable.Range(0, 24).Select(i => (byte)(i % 3)).ToArray());

        using var t = volume.ToTensor();
        using var l = labels.ToTensor();
        var back = t.ToVolume(geometry);
        var labelsBack = l.ToLabelVolume(geometry);

        Assert.Equal(values, back.Voxels.ToArray());
        Assert.Equal(labels.Labels.ToArray(), labelsBack.Labels.ToArray());
        Assert.Same(geometry, back.Geometry);
    }

    [Fact]
    public void ToVolume_ShapeMismatch_NamesBothShapes()
    {
        using var t = torch.zeros([1, 2, 2, 2]);
        var ex = Assert.Throws<ArgumentException>(() => t.ToVolume(VolumeGeometry.Create(new VolumeShape(2, 2, 3))));
        Assert.Contains("2×2×3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToTensor_LeavesNoLiveTensorsAfterDispose()
    {
        var volume = Volume.Zeros(VolumeGeometry.Create(new VolumeShape(2, 2, 2)));
        TensorLeakGuard.AssertNoLeaks(() => volume.ToTensor().Dispose());
    }
}
