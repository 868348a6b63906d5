// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class SelectChannelsTests
{
    [Fact]
    public void Apply_ReordersChannelsAndKeepsGeometryAndLabel()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(2, 1, 1), 2, 2, 3);
        var image = new Volume(geometry, 3, new float[] { 1, 2, 10, 20, 100, 200 });
        var label = new LabelVolume(geometry, new byte[] { 0, 1 });

        var result = new SelectChannels(2, 0).Apply(new VolumeCase("c", image, label));

        Assert.Equal(2, result.Case.Image.Channels);
        Assert.Equal(new float[] { 100, 200, 1, 2 }, result.Case.Image.Voxels.ToArray());
        Assert.Same(geometry, result.Case.Image.Geometry);
        Assert.Same(label, result.Case.Label);
        Assert.True(result.Step.IsIdentity);
    }

    [Fact]
    public void Apply_MissingChannel_NamesTheCaseAndChannel()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 1, 1));
        var ex = Assert.Throws<ArgumentException>(() => new SelectChannels(1).Apply(new VolumeCase("case-7", new Volume(geometry, 1, new float[] { 1 }))));
        Assert.Contains("case-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("channel 1", ex.Message, StringComparison.Ordinal);
    }
}
