// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Sampling;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Sampling;

/// <summary><see cref="BorderMap.ComputeBetweenClasses"/>: the band follows boundaries between any two classes.</summary>
public sealed class BorderMapBetweenClassesTests
{
    private static readonly VolumeShape s_shape = new(64, 32, 32);

    [Fact]
    public void ComputeBetweenClasses_TwoTouchingClasses_MarksTheirInterfaceFarFromBackground()
    {
        // A block split at x = 32 into class 1 (left) and class 2 (right); the interface centre is 14 voxels from background.
        var labels = Block((x, _, _) => x < 32 ? (byte)1 : (byte)2);

        var foregroundBand = BorderMap.Compute(labels).Labels.Span;
        var classBand = BorderMap.ComputeBetweenClasses(labels).Labels.Span;

        var centre = (int)s_shape.IndexOf(32, 16, 16);
        Assert.Equal(0, foregroundBand[centre]);
        Assert.Equal(1, classBand[centre]);
        Assert.Equal(1, classBand[(int)s_shape.IndexOf(25, 16, 16)]); // 7 voxels left of the interface: the band's reach
        Assert.Equal(0, classBand[(int)s_shape.IndexOf(23, 16, 16)]); // 9 voxels left: outside
        for (var i = 0; i < foregroundBand.Length; i++)
        {
            Assert.True(classBand[i] >= foregroundBand[i], $"voxel {i}: the foreground/background band must stay marked");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    public void ComputeBetweenClasses_OneForegroundValue_EqualsTheBinaryBand(int dilation)
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Kind = PhantomKind.BrainTumour, Seed = 3, Shape = new VolumeShape(40, 40, 24) });
        var binary = phantom.Label!.ToBinary();
        var sevens = new LabelVolume(binary.Geometry, binary.Labels.ToArray().Select(v => (byte)(v * 7)).ToArray());

        var expected = BorderMap.Compute(phantom.Label!, dilation).Labels.ToArray();
        Assert.Equal(expected, BorderMap.ComputeBetweenClasses(binary, dilation).Labels.ToArray());
        Assert.Equal(expected, BorderMap.ComputeBetweenClasses(sevens, dilation).Labels.ToArray());
        Assert.Contains((byte)1, expected);
    }

    [Fact]
    public void ComputeBetweenClasses_SobelBandAlone_MarksBothSidesOfTheInterfaceOnly()
    {
        var labels = Block((x, _, _) => x < 32 ? (byte)1 : (byte)2);

        var band = BorderMap.ComputeBetweenClasses(labels, dilation: 1).Labels.Span;

        Assert.Equal(1, band[(int)s_shape.IndexOf(31, 16, 16)]);
        Assert.Equal(1, band[(int)s_shape.IndexOf(32, 16, 16)]);
        Assert.Equal(0, band[(int)s_shape.IndexOf(30, 16, 16)]);
        Assert.Equal(0, band[(int)s_shape.IndexOf(33, 16, 16)]);
        Assert.Equal(0, BorderMap.Compute(labels, dilation: 1).Labels.Span[(int)s_shape.IndexOf(32, 16, 16)]);
    }

    [Fact]
    public void ComputeBetweenClasses_NoForeground_IsEmpty()
    {
        var labels = new LabelVolume(VolumeGeometry.Create(s_shape), new byte[s_shape.VoxelCount]);
        Assert.DoesNotContain((byte)1, BorderMap.ComputeBetweenClasses(labels).Labels.ToArray());
    }

    // Foreground fills x in [2, 62), y and z in [2, 30).
    private static LabelVolume Block(Func<int, int, int, byte> value)
    {
        var labels = new byte[s_shape.VoxelCount];
        for (var x = 2; x < 62; x++)
        {
            for (var y = 2; y < 30; y++)
            {
                for (var z = 2; z < 30; z++)
                {
                    labels[s_shape.IndexOf(x, y, z)] = value(x, y, z);
                }
            }
        }

        return new LabelVolume(VolumeGeometry.Create(s_shape), labels);
    }
}
