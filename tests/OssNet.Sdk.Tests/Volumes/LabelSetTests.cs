// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Volumes;

public sealed class LabelSetTests
{
    private static readonly VolumeGeometry s_geometry = VolumeGeometry.Create(new VolumeShape(2, 2, 1));

    [Fact]
    public void ToClassIndices_SparseValues_MapsToContiguousClassesAndBack()
    {
        var set = LabelSet.FromValues([6, 4, 5]);
        var file = new LabelVolume(s_geometry, new byte[] { 0, 4, 5, 6 });

        var classes = set.ToClassIndices(file);

        Assert.Equal(new byte[] { 0, 1, 2, 3 }, classes.Labels.ToArray());
        Assert.Equal(new byte[] { 0, 4, 5, 6 }, set.ToLabelValues(classes).Labels.ToArray());
        Assert.Equal("label 5", set.NameOf(2));
    }

    [Fact]
    public void ToClassIndices_UnknownValue_ThrowsNamingSourceAndValue()
    {
        var set = LabelSet.FromValues([1, 2]);
        var file = new LabelVolume(s_geometry, new byte[] { 0, 1, 2, 7 });

        var error = Assert.Throws<InvalidVolumeException>(() => set.ToClassIndices(file, "case_001_seg.nii.gz"));

        Assert.Equal("case_001_seg.nii.gz", error.Path);
        Assert.Contains("label value 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_CollapsesEveryNonZeroValue()
    {
        var set = LabelSet.Binary("brain");
        var skullStripped = new LabelVolume(s_geometry, new byte[] { 0, 13, 200, 1 });

        Assert.Equal(new byte[] { 0, 1, 1, 1 }, set.ToClassIndices(skullStripped).Labels.ToArray());
        Assert.True(set.IsBinary);
        Assert.Equal("0 background, 1 brain (every non-zero value)", set.Describe());
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var set = new LabelSet([new(0, "background"), new(4, "CSF"), new(5, "grey matter"), new(6, "white matter")]);

        var copy = JsonSerializer.Deserialize<LabelSet>(JsonSerializer.Serialize(set))!;

        Assert.Equal(set.Labels, copy.Labels);
        Assert.Equal(3, copy.ClassOf(6));
        Assert.False(copy.CollapseForeground);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2 }, "background")]
    [InlineData(new byte[] { 0 }, "at least one class")]
    [InlineData(new byte[] { 0, 3, 3 }, "appears twice")]
    public void Constructor_InvalidSets_Throw(byte[] values, string expected)
    {
        var labels = values.Select((v, i) => new LabelDefinition(v, $"n{i}")).ToList();

        var error = Assert.Throws<ArgumentException>(() => new LabelSet(labels));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
