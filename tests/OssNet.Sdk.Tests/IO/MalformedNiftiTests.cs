// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

/// <summary>
/// The malformed-input corpus of docs/formats.md §3.4 (items 1–9), generated here: every case must end in an
/// <see cref="InvalidVolumeException"/> that names the file and the specific reason, without a huge allocation.
/// </summary>
public sealed class MalformedNiftiTests : IDisposable
{
    private const int X = 3, Y = 4, Z = 5;
    private readonly TempDirectory _dir = new();

    /// <summary>Case name → (file to read, expected reason fragment). Names start with the §3.4 item number.</summary>
    private static readonly Dictionary<string, Func<TempDirectory, (string Path, string Reason)>> s_cases = new()
    {
        // 1. Empty or short files; broken gzip streams.
        ["1 empty file"] = d => (d.Write("x.nii", []), "the file is empty"),
        ["1 header shorter than 348"] = d => (d.Write("x.nii", Valid().BuildSingleFile()[..200]), "truncated header: 200 of 348"),
        ["1 NIfTI-2 header shorter than 540"] = d => (d.Write("x.nii", Valid(v => v.Version = 2).BuildSingleFile()[..400]), "truncated header: 400 of 540"),
        ["1 gzip ends early"] = d => (d.Write("x.nii.gz", Gzip(Valid())[..^40]), "truncated"),
        ["1 gzip bad CRC"] = d => (d.Write("x.nii.gz", Corrupt(Gzip(Valid()), ^8)), "corrupt gzip stream"),
        ["1 gzip bad ISIZE"] = d => (d.Write("x.nii.gz", Corrupt(Gzip(Valid()), ^1)), "corrupt gzip stream"),
        ["1 gzip inflates short of the data"] = d => (d.Write("x.nii.gz", NiftiFileBuilder.Gzip(Valid().BuildSingleFile()[..^100])), "truncated: the voxel data ends after 140 of 240 bytes"),
        ["1 gzip inflates far beyond the data"] = d => (d.Write("x.nii.gz", NiftiFileBuilder.Gzip([.. Valid().BuildSingleFile(), .. new byte[(64 << 20) + 1]])), "more than 67,108,864 bytes beyond what the header needs"),

        // 2. Identity.
        ["2 sizeof_hdr neither 348 nor 540"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 0, 349)), "sizeof_hdr is 349"),
        ["2 unknown magic on .nii"] = d => (d.Write("x.nii", Valid(v => v.Magic = "abc\0"u8.ToArray()).BuildSingleFile()), "not \"n+1\\0\""),
        ["2 Analyze header on .nii (no magic)"] = d => (d.Write("x.nii", Valid(v => v.Magic = new byte[4]).BuildSingleFile()), "Analyze 7.5 is not read"),
        ["2 pair magic in a single file"] = d => (d.Write("x.nii", Valid(v => v.Magic = "ni1\0"u8.ToArray()).BuildSingleFile()), "marks a .hdr/.img pair"),
        ["2 NIfTI-2 magic without its tail"] = d => (d.Write("x.nii", Valid(v => { v.Version = 2; v.Magic = "n+2\0\n\n\n\n"u8.ToArray(); }).BuildSingleFile()), "lacks its \\r\\n\\x1a\\n tail"),

        // 3. Dimensions.
        ["3 dim[0] is 0"] = d => (d.Write("x.nii", Valid(v => v.Dim[0] = 0).BuildSingleFile()), "dim[0] is 0"),
        ["3 dim[0] is 8"] = d => (d.Write("x.nii", Valid(v => v.Dim[0] = 8).BuildSingleFile()), "dim[0] is 8"),
        ["3 used dim is 0"] = d => (d.Write("x.nii", Valid(v => v.Dim[2] = 0).BuildSingleFile()), "dim[2] is 0"),
        ["3 used dim is negative"] = d => (d.Write("x.nii", Valid(v => v.Dim[3] = -4).BuildSingleFile()), "dim[3] is -4"),
        ["3 dims beyond the voxel limit"] = d => (d.Write("x.nii", Valid(v => v.Dim = [4, 32767, 32767, 32767, 4, 1, 1, 1]).BuildSingleFile()), "the limit (VolumeReadOptions.MaxVoxels"),
        ["3 NIfTI-2 dims near 2^62 overflow"] = d => (d.Write("x.nii", Valid(v => { v.Version = 2; v.Dim = [3, 1L << 62, 1L << 62, 4, 1, 1, 1, 1]; }).BuildSingleFile()), "the limit (VolumeReadOptions.MaxVoxels"),
        ["3 dims need more data than the file holds"] = d => (d.Write("x.nii", Valid(v => v.Dim = [3, 300, 300, 300, 1, 1, 1, 1]).BuildSingleFile()), "truncated: the file has 592 bytes but the header needs 108,000,352"),

        // 4. Datatypes.
        ["4 datatype UNKNOWN (0)"] = d => (d.Write("x.nii", Valid(v => v.DataType = 0).BuildSingleFile()), "datatype 0 (UNKNOWN) is not supported"),
        ["4 datatype BINARY (1)"] = d => (d.Write("x.nii", Valid(v => v.DataType = 1).BuildSingleFile()), "datatype 1 (BINARY) is not supported"),
        ["4 datatype COMPLEX64"] = d => (d.Write("x.nii", Valid(v => v.DataType = 32).BuildSingleFile()), "datatype 32 (COMPLEX64) is not supported"),
        ["4 datatype RGB24"] = d => (d.Write("x.nii", Valid(v => v.DataType = 128).BuildSingleFile()), "datatype 128 (RGB24) is not supported"),
        ["4 datatype FLOAT128"] = d => (d.Write("x.nii", Valid(v => v.DataType = 1536).BuildSingleFile()), "datatype 1536 (FLOAT128) is not supported"),
        ["4 datatype COMPLEX256"] = d => (d.Write("x.nii", Valid(v => v.DataType = 2048).BuildSingleFile()), "datatype 2048 (COMPLEX256) is not supported"),
        ["4 datatype not a NIfTI code"] = d => (d.Write("x.nii", Valid(v => v.DataType = 999).BuildSingleFile()), "datatype 999 (not a NIfTI datatype code)"),

        // 5. vox_offset and data length.
        ["5 vox_offset NaN"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 108, float.NaN)), "vox_offset is NaN"),
        ["5 vox_offset infinite"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 108, float.PositiveInfinity)), "vox_offset is Infinity"),
        ["5 vox_offset negative"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 108, -352f)), "vox_offset is -352"),
        ["5 vox_offset fractional"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 108, 352.5f)), "vox_offset is 352.5"),
        ["5 vox_offset inside the header"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 108, 348f)), "cannot start before byte 352"),
        ["5 vox_offset past end of file"] = d => (d.Write("x.nii", Patch(Valid().BuildSingleFile(), 108, 4096f)), "vox_offset 4,096 is past the end of the file (592 bytes)"),
        ["5 data truncated"] = d => (d.Write("x.nii", Valid().BuildSingleFile()[..^1]), "truncated: the file has 591 bytes but the header needs 592"),

        // 6. Extensions.
        ["6 extension esize 0"] = d => (d.Write("x.nii", Extension(0)), "has esize 0; an extension needs esize ≥ 16"),
        ["6 extension esize negative"] = d => (d.Write("x.nii", Extension(-32)), "has esize -32"),
        ["6 extension esize below 16"] = d => (d.Write("x.nii", Extension(8)), "has esize 8"),
        ["6 extension esize not a multiple of 16"] = d => (d.Write("x.nii", Extension(20)), "has esize 20, not a multiple of 16"),
        ["6 extension past vox_offset"] = d => (d.Write("x.nii", Extension(64)), "runs past vox_offset"),

        // 7. Scaling and transforms.
        ["7 scl_inter NaN with valid slope"] = d => (d.Write("x.nii", Valid(v => { v.SclSlope = 2; v.SclInter = double.NaN; }).BuildSingleFile()), "scl_inter is NaN with a valid scl_slope 2"),
        ["7 pixdim not finite"] = d => (d.Write("x.nii", Valid(v => v.Pixdim[2] = double.PositiveInfinity).BuildSingleFile()), "pixdim[2] is Infinity"),
        ["7 srow not finite"] = d => (d.Write("x.nii", Valid(v => { v.SformCode = 1; v.Srow[5] = double.NaN; }).BuildSingleFile()), "sform_code is 1 but an srow value is not finite"),
        ["7 singular sform"] = d => (d.Write("x.nii", Valid(v => { v.SformCode = 1; v.Srow = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]; }).BuildSingleFile()), "the sform (srow_x/y/z) affine is singular"),
        ["7 quaternion longer than 1"] = d => (d.Write("x.nii", Valid(v => { v.QformCode = 1; v.Quatern = [0.8, 0.8, 0, 0, 0, 0]; }).BuildSingleFile()), "b²+c²+d² = 1.28 > 1"),

        // 8. Decompression bombs: the declared size is checked before anything is allocated.
        ["8 small gzip declaring 100 MB"] = d => (d.Write("x.nii.gz", NiftiFileBuilder.Gzip(Valid(v => v.Dim = [3, 512, 512, 100, 1, 1, 1, 1]).BuildSingleFile())), "deflate expands at most 1032:1"),

        // 9. Header/image pairs.
        ["9 pair without .img"] = d => (d.Write("p.hdr", Valid().BuildPairHeader()), "the pair's .img file is missing"),
        ["9 pair .img shorter than needed"] = d => Pair(d, Valid().Data[..100], "p.img", "truncated: the file has 100 bytes but the header needs 240"),
        ["9 pair with different .img and .img.gz"] = d =>
        {
            var other = Valid().Data.ToArray();
            other[^1] ^= 0xFF;
            d.Write("p.img.gz", NiftiFileBuilder.Gzip(other));
            return Pair(d, Valid().Data, "p.hdr", $"both {d.File("p.img")} and {d.File("p.img.gz")} exist and hold different bytes");
        },
    };

    public static TheoryData<string> Cases() => [.. s_cases.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Read_MalformedFile_ThrowsInvalidVolumeExceptionNamingFileAndReason(string name)
    {
        var (path, reason) = s_cases[name](_dir);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TrailingGarbageAfterGzipMember_IsIgnoredAsDocumented()
    {
        var path = _dir.Write("x.nii.gz", [.. Gzip(Valid()), .. "not gzip at all"u8.ToArray()]);

        var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new VolumeShape(X, Y, Z), volume.Shape);
    }

    [Fact]
    public async Task Read_ConcatenatedGzipMembers_ReadsAcrossMembers()
    {
        var file = Valid().BuildSingleFile();
        var path = _dir.Write("x.nii.gz", [.. NiftiFileBuilder.Gzip(file[..400]), .. NiftiFileBuilder.Gzip(file[400..])]);

        var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2f, volume[0, 2, 0, 0]);
    }

    [Fact]
    public async Task Read_LowerVoxelLimit_RejectsBeforeReading()
    {
        var path = _dir.Write("x.nii", Valid().BuildSingleFile());

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() =>
            NiftiReader.ReadVolumeAsync(path, new VolumeReadOptions { MaxVoxels = 59 }, TestContext.Current.CancellationToken));

        Assert.Contains("hold more than 59 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_NonFiniteVoxelsWhenRejected_NamesFirstVoxel()
    {
        var values = Enumerable.Range(0, X * Y * Z).Select(i => (double)i).ToArray();
        values[2 + (X * 1)] = double.NaN; // voxel (2, 1, 0)
        var path = _dir.Write("x.nii", Valid(v => v.Data = NiftiFileBuilder.Encode(values, NiftiDataType.Float32, true)).BuildSingleFile());

        var accepted = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() =>
            NiftiReader.ReadVolumeAsync(path, new VolumeReadOptions { RejectNonFiniteVoxels = true }, TestContext.Current.CancellationToken));

        Assert.Equal(1, VolumeValidation.CountNonFinite(accepted));
        Assert.Contains("1 of 60 values are NaN or infinite (first: NaN in channel 0 at voxel (2, 1, 0))", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static NiftiFileBuilder Valid(Action<NiftiFileBuilder>? change = null)
    {
        var values = Enumerable.Range(0, X * Y * Z).Select(i => (double)i).ToArray();
        var builder = new NiftiFileBuilder { Dim = [3, X, Y, Z, 1, 1, 1, 1], Data = NiftiFileBuilder.Encode(values, NiftiDataType.Float32, true) };
        change?.Invoke(builder);
        return builder;
    }

    private static byte[] Gzip(NiftiFileBuilder builder) => NiftiFileBuilder.Gzip(builder.BuildSingleFile());

    private static byte[] Corrupt(byte[] bytes, Index at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x5A;
        return copy;
    }

    private static byte[] Patch(byte[] bytes, int offset, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }

    private static byte[] Patch(byte[] bytes, int offset, float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }

    /// <summary>A file with the extension flag set and one extension of <paramref name="esize"/> in a 48-byte region before vox_offset 400.</summary>
    private static byte[] Extension(int esize)
    {
        var region = new byte[48];
        BinaryPrimitives.WriteInt32LittleEndian(region, esize);
        BinaryPrimitives.WriteInt32LittleEndian(region.AsSpan(4), 6);
        return Valid(v => { v.ExtensionFlag = [1, 0, 0, 0]; v.ExtensionBytes = region; }).BuildSingleFile();
    }

    private static (string Path, string Reason) Pair(TempDirectory d, byte[] image, string readName, string reason)
    {
        d.Write("p.hdr", Valid().BuildPairHeader());
        d.Write("p.img", image);
        return (d.File(readName), reason);
    }
}
