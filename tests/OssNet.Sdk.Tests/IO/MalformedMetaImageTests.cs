// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

/// <summary>MetaImage headers that lie (docs/formats.md §3.4 item 10): each must give an <see cref="InvalidVolumeException"/> naming the file and reason.</summary>
public sealed class MalformedMetaImageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static readonly Dictionary<string, Func<TempDirectory, (string Path, string Reason)>> s_cases = new()
    {
        ["NDims 0"] = d => Local(d, ["NDims = 0", "DimSize = ", "ElementType = MET_UCHAR"], 8, "NDims is 0"),
        ["NDims huge"] = d => Local(d, ["NDims = 4000000000", "DimSize = 2 2 2", "ElementType = MET_UCHAR"], 8, "NDims is 4000000000"),
        ["DimSize count differs from NDims"] = d => Local(d, ["NDims = 3", "DimSize = 2 2", "ElementType = MET_UCHAR"], 8, "DimSize has 2 value(s); NDims requires 3"),
        ["DimSize negative"] = d => Local(d, ["NDims = 3", "DimSize = 2 -2 2", "ElementType = MET_UCHAR"], 8, "DimSize[1] is -2"),
        ["DimSize not numeric"] = d => Local(d, ["NDims = 3", "DimSize = 2 two 2", "ElementType = MET_UCHAR"], 8, "DimSize value \"two\" is not an integer"),
        ["DimSize beyond the voxel limit"] = d => Local(d, ["NDims = 3", "DimSize = 100000 100000 100000", "ElementType = MET_UCHAR"], 8, "the limit (VolumeReadOptions.MaxVoxels"),
        ["ElementSpacing negative"] = d => Local(d, ["NDims = 3", "DimSize = 2 2 2", "ElementSpacing = 1 -1 1", "ElementType = MET_UCHAR"], 8, "ElementSpacing[1] is -1"),
        ["ElementSpacing not numeric"] = d => Local(d, ["NDims = 3", "DimSize = 2 2 2", "ElementSpacing = 1 x 1", "ElementType = MET_UCHAR"], 8, "ElementSpacing value \"x\" is not a number"),
        ["unknown ElementType"] = d => Local(d, ["NDims = 3", "DimSize = 2 2 2", "ElementType = MET_STRING"], 8, "ElementType MET_STRING is not supported"),
        ["missing ElementDataFile"] = d => (d.Write("x.mha", Encoding.ASCII.GetBytes(MetaImageTests.Header("NDims = 3", "DimSize = 2 2 2", "ElementType = MET_UCHAR"))), "no ElementDataFile"),
        ["ElementDataFile not last"] = d =>
        {
            d.Write("x.raw", new byte[8]);
            return (d.Write("x.mhd", Encoding.ASCII.GetBytes(MetaImageTests.Header("NDims = 3", "ElementDataFile = x.raw", "DimSize = 2 2 2", "ElementType = MET_UCHAR"))), "ElementDataFile must be the last key, but \"DimSize = 2 2 2\" follows it");
        },
        ["data file outside the folder (..)"] = d => External(d, "../escape.raw", "resolves outside"),
        ["data file absolute path"] = d => External(d, "/etc/passwd", "is an absolute path"),
        ["data file missing"] = d => External(d, "nowhere.raw", "does not exist"),
        ["CompressedDataSize mismatch"] = d => Compressed(d, MetaImageTests.Zlib(new byte[8]), declaredSize: 5, "CompressedDataSize is 5 but"),
        ["corrupt zlib stream"] = d => Compressed(d, [0x78, 0x9C, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x01], declaredSize: null, "corrupt zlib stream"),
        ["zlib header asking for a preset dictionary"] = d => Compressed(d, [0x78, 0xBB, 0, 0, 0, 0, 1, 2, 3], declaredSize: null, "corrupt zlib stream"),
        ["zlib stream bad checksum"] = d =>
        {
            var z = MetaImageTests.Zlib(new byte[8]);
            z[^1] ^= 0xFF;
            return Compressed(d, z, declaredSize: null, "corrupt zlib stream");
        },
        ["zlib stream inflates short"] = d => Compressed(d, MetaImageTests.Zlib(new byte[5]), declaredSize: null, "truncated: the voxel data ends after 5 of 8 bytes"),
        ["truncated LOCAL data"] = d => Local(d, ["NDims = 3", "DimSize = 2 2 2", "ElementType = MET_SHORT"], 15, "truncated: the LOCAL data after the header has 15 bytes but the header needs 16"),
        ["huge header line"] = d => (d.Write("x.mha", Encoding.ASCII.GetBytes("ObjectType = Image\nComment = " + new string('a', 70_000) + "\n")), "is longer than 65,536 bytes"),
        ["line without ="] = d => Local(d, ["NDims 3", "DimSize = 2 2 2", "ElementType = MET_UCHAR"], 8, "header line 2 (\"NDims 3\") is not \"Key = Value\""),
        ["duplicate key via alias"] = d => Local(d, ["NDims = 3", "DimSize = 2 2 2", "Offset = 0 0 0", "Origin = 1 1 1", "ElementType = MET_UCHAR"], 8, "header key Origin appears more than once"),
        ["slice LIST data"] = d => (d.Write("x.mhd", Encoding.ASCII.GetBytes(MetaImageTests.Header("NDims = 3", "DimSize = 2 2 2", "ElementType = MET_UCHAR", "ElementDataFile = LIST 2D"))), "is a slice list or pattern"),
        ["binary file, not a header"] = d => (d.Write("x.mha", new byte[200_000]), "longer than 65,536 bytes"),
    };

    public static TheoryData<string> Cases() => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Read_MalformedHeader_ThrowsInvalidVolumeExceptionNamingFileAndReason(string name)
    {
        var (path, reason) = s_cases[name](_dir);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith(_dir.Path, e.Path, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static (string, string) Local(TempDirectory d, string[] lines, int dataBytes, string reason) =>
        (d.Write("x.mha", [.. Encoding.ASCII.GetBytes(MetaImageTests.Header([.. lines, "ElementDataFile = LOCAL"])), .. new byte[dataBytes]]), reason);

    private static (string, string) External(TempDirectory d, string dataFile, string reason)
    {
        d.Write("escape.raw", new byte[8]);
        var header = d.Write("sub/x.mhd", Encoding.ASCII.GetBytes(MetaImageTests.Header("NDims = 3", "DimSize = 2 2 2", "ElementType = MET_UCHAR", $"ElementDataFile = {dataFile}")));
        return (header, reason);
    }

    private static (string, string) Compressed(TempDirectory d, byte[] data, long? declaredSize, string reason)
    {
        d.Write("x.zraw", data);
        var size = declaredSize is null ? [] : new[] { $"CompressedDataSize = {declaredSize}" };
        return (d.Write("x.mhd", Encoding.ASCII.GetBytes(MetaImageTests.Header(["NDims = 3", "DimSize = 2 2 2", "ElementType = MET_UCHAR", "CompressedData = True", .. size, "ElementDataFile = x.zraw"]))), reason);
    }
}
