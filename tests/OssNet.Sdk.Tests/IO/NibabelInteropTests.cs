// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Text.Json;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

/// <summary>Files nibabel writes read identically here, and files written here read identically in nibabel.</summary>
/// <remarks>Skipped (with the reason) when /usr/bin/python3 cannot import nibabel. Volumes are tiny so each case takes well under a second.</remarks>
public sealed class NibabelInteropTests(NibabelInteropTests.NibabelFiles files) : IClassFixture<NibabelInteropTests.NibabelFiles>
{
    public static TheoryData<string> NibabelCases() =>
    [
        "float32 4-D oblique .nii.gz", "int16 big-endian", "int16 scaled by nibabel", "uint8 labels .nii.gz", "uint16 qform only",
        "int8 big-endian .nii.gz", "NIfTI-2 float64", "NIfTI-2 big-endian int32 .nii.gz", "Nifti1Pair .hdr/.img",
        "Analyze 7.5 .hdr/.img", "Analyze 7.5 with SPM origin",
    ];

    [Theory]
    [MemberData(nameof(NibabelCases))]
    public async Task NibabelWrittenFile_ReadsWithSameVoxelsAndAffine(string name)
    {
        files.Require();
        var expected = files.Cases[name];
        var path = Path.Combine(files.Folder, expected.GetProperty("file").GetString()!);

        var volume = await VolumeFile.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        TestVolumes.AssertAffine(Affine(expected.GetProperty("affine")), volume.Geometry.Affine, 1e-6);
        AssertClose(ReadRaw(Path.Combine(files.Folder, name.Replace(' ', '_').Replace('/', '_') + ".expected")), volume.Voxels.Span);
        Assert.Equal(expected.GetProperty("big_endian").GetBoolean(), !header.IsLittleEndian);
        Assert.Equal(expected.GetProperty("version").GetInt32(), header.Version);
        Assert.Equal(expected.GetProperty("scaled").GetBoolean(), header.IsScaled);
    }

    [Fact]
    public async Task NibabelQformOnlyFile_UsesQformRule()
    {
        files.Require();
        var path = Path.Combine(files.Folder, files.Cases["uint16 qform only"].GetProperty("file").GetString()!);

        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(NiftiAffineRule.Qform, header.AffineRule);
        Assert.Equal(0, header.SformCode);
    }

    [Theory]
    [InlineData("Analyze 7.5 .hdr/.img")]
    [InlineData("Analyze 7.5 with SPM origin")]
    public async Task NibabelAnalyzeFile_IsFlaggedAsAnalyze(string name)
    {
        files.Require();
        var path = Path.Combine(files.Folder, files.Cases[name].GetProperty("file").GetString()!);

        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(NiftiAffineRule.AnalyzeOrigin, header.AffineRule);
        Assert.Contains(header.Warnings, w => w.Contains("Analyze 7.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PairWithIdenticalImgAndImgGz_ReadsTheSameVoxels()
    {
        files.Require();
        var folder = Directory.CreateTempSubdirectory("ossnet-imggz-").FullName;
        try
        {
            File.Copy(Path.Combine(files.Folder, "pair.hdr"), Path.Combine(folder, "pair.hdr"));
            File.Copy(Path.Combine(files.Folder, "pair.img"), Path.Combine(folder, "pair.img"));
            await using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(folder, "pair.img.gz")), System.IO.Compression.CompressionLevel.Fastest))
            {
                await gz.WriteAsync(await File.ReadAllBytesAsync(Path.Combine(folder, "pair.img"), TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            }

            var both = await VolumeFile.ReadVolumeAsync(Path.Combine(folder, "pair.hdr"), cancellationToken: TestContext.Current.CancellationToken);

            AssertClose(ReadRaw(Path.Combine(files.Folder, "Nifti1Pair_.hdr_.img.expected")), both.Voxels.Span);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ours.nii")]
    [InlineData("ours.nii.gz")]
    [InlineData("labels.nii.gz")]
    [InlineData("labels16.nii")]
    public void FileWrittenHere_ReadsInNibabelWithSameVoxelsAndAffine(string name)
    {
        files.Require();
        var expected = NibabelFiles.Ours[name]();
        var json = files.OursReadByNibabel[name];
        var affine = expected.Geometry.Affine;

        TestVolumes.AssertAffine(affine, Affine(json.GetProperty("affine")), 1e-5);
        TestVolumes.AssertAffine(affine, Affine(json.GetProperty("qform")), 1e-5);
        TestVolumes.AssertAffine(affine, Affine(json.GetProperty("sform")), 1e-5);
        Assert.Equal(1, json.GetProperty("qform_code").GetInt32());
        Assert.Equal(1, json.GetProperty("sform_code").GetInt32());
        Assert.Equal(2, json.GetProperty("xyzt_units").GetInt32());
        var zooms = json.GetProperty("zooms").EnumerateArray().Select(z => z.GetDouble()).ToArray();
        Assert.Equal(affine.ColumnNorms.X, zooms[0], 5);
        Assert.Equal(affine.ColumnNorms.Z, zooms[2], 5);
        Assert.Equal(expected.Voxels.ToArray(), ReadRaw(Path.Combine(files.Folder, name + ".raw")));
        var dtype = name.StartsWith("labels16", StringComparison.Ordinal) ? "int16" : name.StartsWith("labels", StringComparison.Ordinal) ? "uint8" : "float32";
        Assert.Equal(dtype, json.GetProperty("dtype").GetString());
    }

    private static AffineMatrix Affine(JsonElement rows)
    {
        var values = rows.EnumerateArray().Take(3).SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble())).ToArray();
        return AffineMatrix.FromRows(values);
    }

    private static float[] ReadRaw(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // nibabel may scale in float32 where the SDK scales in double: allow one float32 rounding step.
            if (Math.Abs(expected[i] - actual[i]) > 1e-6 * Math.Max(1, Math.Abs(expected[i])))
            {
                Assert.Fail($"value {i}: nibabel {expected[i]}, SDK {actual[i]}");
            }
        }
    }

    /// <summary>Writes every nibabel case once per test class (one Python process).</summary>
    public sealed class NibabelFiles : IAsyncLifetime
    {
        private const string WriteScript = """
            import os, sys, json, numpy as np, nibabel as nib
            out = sys.argv[1]
            rng = np.random.default_rng(7)
            a = 0.3
            oblique = np.array([[np.cos(a) * 0.9, -np.sin(a) * 1.2, 0, 10.5], [np.sin(a) * 0.9, np.cos(a) * 1.2, 0, -20.25],
                                [0, 0, -2.5, 30], [0, 0, 0, 1]])
            cases = {}
            def save(name, img, fname, expect_big=False, expect_scaled=False, version=1):
                path = out + "/" + fname
                nib.save(img, path)
                if os.path.exists(path[:-4] + ".mat"):
                    os.remove(path[:-4] + ".mat")  # SPM's affine sidecar: without it nibabel uses the header's origin, as the SDK does
                back = nib.load(path)
                data = np.asanyarray(back.dataobj).astype(np.float32)
                if data.ndim == 4:
                    data = np.transpose(data, (3, 0, 1, 2))
                np.ascontiguousarray(data).tofile(out + "/" + name.replace(" ", "_").replace("/", "_") + ".expected")
                hdr_path = path[:-4] + ".hdr" if path.endswith(".img") else path
                opener = nib.openers.ImageOpener(hdr_path)
                first = opener.read(4)
                size = 348 if version == 1 else 540
                big = int.from_bytes(first, "big") == size
                assert big == expect_big, (name, first)
                slope, inter = back.dataobj.slope, back.dataobj.inter
                scaled = slope is not None and not (slope == 1 and (inter or 0) == 0)
                assert scaled == expect_scaled, (name, slope, inter)
                cases[name] = {"file": fname, "affine": back.affine.tolist(), "big_endian": big, "version": version, "scaled": bool(scaled)}
            shape = (5, 4, 3)
            floats = (rng.standard_normal(shape) * 100).astype(np.float32)
            save("float32 4-D oblique .nii.gz", nib.Nifti1Image(rng.standard_normal(shape + (3,)).astype(np.float32), oblique), "f4d.nii.gz")
            ints = rng.integers(-3000, 3000, shape).astype(np.int16)
            save("int16 big-endian", nib.Nifti1Image(ints, oblique, nib.Nifti1Header(endianness=">")), "i16be.nii", expect_big=True)
            scaled = nib.Nifti1Image(floats, oblique)
            scaled.set_data_dtype(np.int16)
            save("int16 scaled by nibabel", scaled, "scaled.nii", expect_scaled=True)
            save("uint8 labels .nii.gz", nib.Nifti1Image(rng.integers(0, 5, shape).astype(np.uint8), oblique), "nib-labels.nii.gz")
            q = nib.Nifti1Image(rng.integers(0, 60000, shape).astype(np.uint16), None)
            q.set_qform(oblique, code=1)
            q.set_sform(None, code=0)
            save("uint16 qform only", q, "qform.nii")
            save("int8 big-endian .nii.gz", nib.Nifti1Image(rng.integers(-100, 100, shape).astype(np.int8), oblique, nib.Nifti1Header(endianness=">")), "i8be.nii.gz", expect_big=True)
            save("NIfTI-2 float64", nib.Nifti2Image(rng.standard_normal(shape), oblique), "n2.nii", version=2)
            save("NIfTI-2 big-endian int32 .nii.gz", nib.Nifti2Image(rng.integers(-10**6, 10**6, shape).astype(np.int32), oblique, nib.Nifti2Header(endianness=">")), "n2be.nii.gz", expect_big=True, version=2)
            save("Nifti1Pair .hdr/.img", nib.Nifti1Pair(floats, oblique), "pair.img")
            save("Analyze 7.5 .hdr/.img", nib.AnalyzeImage(ints, oblique), "analyze.img")
            save("Analyze 7.5 with SPM origin", nib.Spm99AnalyzeImage(ints, np.array([[2.0, 0, 0, -3], [0, 3, 0, 6], [0, 0, 4, -2], [0, 0, 0, 1]])), "spm.img")
            ours = {}
            for name in sys.argv[2:]:
                img = nib.load(out + "/" + name)
                data = np.asanyarray(img.dataobj)
                arr = data.astype(np.float32)
                if arr.ndim == 4:
                    arr = np.transpose(arr, (3, 0, 1, 2))
                np.ascontiguousarray(arr).tofile(out + "/" + name + ".raw")
                hdr = img.header
                ours[name] = {
                    "affine": img.affine.tolist(),
                    "qform": hdr.get_qform().tolist(), "qform_code": int(hdr["qform_code"]),
                    "sform": hdr.get_sform().tolist(), "sform_code": int(hdr["sform_code"]),
                    "zooms": [float(z) for z in hdr.get_zooms()[:3]],
                    "dtype": str(hdr.get_data_dtype()), "xyzt_units": int(hdr["xyzt_units"]),
                }
            print(json.dumps({"nibabel": cases, "ours": ours}))
            """;

        private readonly TempDirectory _dir = new();

        /// <summary>The volumes written by the SDK for nibabel to read (rebuilt by the tests to compare).</summary>
        public static readonly Dictionary<string, Func<Volume>> Ours = new()
        {
            ["ours.nii"] = () => TestVolumes.Image(new VolumeShape(5, 4, 3), channels: 2),
            ["ours.nii.gz"] = () => TestVolumes.Image(new VolumeShape(5, 4, 3)),
            ["labels.nii.gz"] = () => AsVolume(TestVolumes.Labels(new VolumeShape(5, 4, 3))),
            ["labels16.nii"] = () => AsVolume(TestVolumes.Labels(new VolumeShape(5, 4, 3))),
        };

        public string Folder => _dir.Path;

        public Dictionary<string, JsonElement> Cases { get; private set; } = [];

        public Dictionary<string, JsonElement> OursReadByNibabel { get; private set; } = [];

        public string? Problem { get; private set; }

        /// <summary>Skips without nibabel; fails when nibabel is there but the script failed.</summary>
        public void Require()
        {
            Python.RequireNibabel();
            Assert.True(Problem is null, $"the nibabel script failed: {Problem}");
        }

        public async ValueTask InitializeAsync()
        {
            try
            {
                foreach (var name in Ours.Keys)
                {
                    await WriteOursAsync(name);
                }

                // One Python process for all cases: importing nibabel costs most of a second.
                var json = Python.Run(WriteScript, [Folder, .. Ours.Keys]);
                using var document = JsonDocument.Parse(json);
                Cases = document.RootElement.GetProperty("nibabel").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
                OursReadByNibabel = document.RootElement.GetProperty("ours").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or JsonException)
            {
                // Without nibabel every test skips (Python.RequireNibabel); with it, a script failure fails the tests.
                Problem = e.Message;
            }
        }

        public ValueTask DisposeAsync()
        {
            _dir.Dispose();
            return ValueTask.CompletedTask;
        }

        private static Volume AsVolume(LabelVolume labels) => new(labels.Geometry, 1, labels.Labels.ToArray().Select(v => (float)v).ToArray());

        private Task WriteOursAsync(string name)
        {
            var path = Path.Combine(Folder, name);
            if (!name.StartsWith("labels", StringComparison.Ordinal))
            {
                return VolumeFile.WriteAsync(path, Ours[name]());
            }

            var type = name.StartsWith("labels16", StringComparison.Ordinal) ? NiftiDataType.Int16 : NiftiDataType.UInt8;
            return VolumeFile.WriteAsync(path, TestVolumes.Labels(new VolumeShape(5, 4, 3)), new VolumeWriteOptions { LabelDataType = type });
        }
    }
}
