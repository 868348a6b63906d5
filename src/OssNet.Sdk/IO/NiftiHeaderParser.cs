// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Parses and validates NIfTI-1/2 header bytes into a <see cref="NiftiHeader"/>.</summary>
/// <remarks>Every rejection is an <see cref="InvalidVolumeException"/> that names the file and the field at fault.</remarks>
internal static class NiftiHeaderParser
{
    public const int Nifti1Size = 348;
    public const int Nifti2Size = 540;

    private static ReadOnlySpan<byte> Nifti2Tail => "\r\n\u001a\n"u8;

    /// <summary>Reads sizeof_hdr (the first four bytes) in both byte orders to find the version and endianness.</summary>
    public static (int Version, bool LittleEndian) DetectVersion(ReadOnlySpan<byte> first4, string path)
    {
        var little = BinaryPrimitives.ReadInt32LittleEndian(first4);
        var big = BinaryPrimitives.ReadInt32BigEndian(first4);
        return (little, big) switch
        {
            (Nifti1Size, _) => (1, true),
            (_, Nifti1Size) => (1, false),
            (Nifti2Size, _) => (2, true),
            (_, Nifti2Size) => (2, false),
            _ => throw new InvalidVolumeException(path,
                $"sizeof_hdr is {little} (little-endian) / {big} (big-endian), not 348 (NIfTI-1) or 540 (NIfTI-2) in either byte order; not a NIfTI file"),
        };
    }

    /// <summary>Returns the header size of a version: 348 or 540.</summary>
    public static int HeaderSize(int version) => version == 1 ? Nifti1Size : Nifti2Size;

    /// <summary>Parses the fixed header (348 or 540 bytes) and validates everything the reader relies on.</summary>
    public static NiftiHeader Parse(ReadOnlySpan<byte> header, int version, bool littleEndian, bool singleFile, string path, VolumeReadOptions options)
    {
        var r = new EndianReader(header, littleEndian);
        var warnings = new List<string>();
        var analyze = IsAnalyze(header, version, singleFile);
        if (!analyze)
        {
            CheckMagic(header, version, singleFile, path);
        }

        var f = version == 1 ? ReadNifti1(r) : ReadNifti2(r);
        if (analyze)
        {
            // Analyze 7.5 keeps other fields where NIfTI has these (orient/originator at 252, funused3 at 120): none apply.
            (f.QformCode, f.SformCode, f.IntentCode, f.XyztUnits) = (0, 0, 0, 0);
        }

        var (shape, channels) = CheckDimensions(f.Dims, path, options);

        var dataType = (NiftiDataType)f.DataType;
        var voxelType = NiftiDataTypes.ToVoxelType(dataType)
            ?? throw new InvalidVolumeException(path, $"datatype {NiftiDataTypes.Describe(f.DataType)} is not supported; " +
                "supported: uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64");
        if (f.Bitpix != NiftiDataTypes.BitsPerVoxel(dataType))
        {
            warnings.Add($"bitpix {f.Bitpix} disagrees with datatype {dataType} ({NiftiDataTypes.BitsPerVoxel(dataType)} bits); the datatype is trusted");
        }

        var voxOffset = CheckVoxOffset(f.VoxOffset, version, singleFile, path);
        var (scaling, scaled) = CheckScaling(f.Slope, f.Inter, path);
        for (var i = 1; i <= 3; i++)
        {
            if (!double.IsFinite(f.Pixdim[i]))
            {
                throw new InvalidVolumeException(path, $"pixdim[{i}] is {f.Pixdim[i]}, not a finite voxel size");
            }
        }

        var spaceUnits = f.XyztUnits & 7;
        if (spaceUnits is 1 or 3)
        {
            warnings.Add($"spatial units are {(spaceUnits == 1 ? "metres" : "micrometres")}; the affine is used as stored (as nibabel does), not converted to mm");
        }

        var (affine, rule, qform, sform) = analyze ? AnalyzeAffine(r, f, path, warnings) : ChooseAffine(f, path, warnings);
        return new NiftiHeader
        {
            Version = version,
            IsSingleFile = singleFile,
            IsLittleEndian = littleEndian,
            Dimensions = f.Dims,
            Shape = shape,
            Channels = channels,
            DataType = dataType,
            BitsPerVoxel = f.Bitpix,
            PixelDimensions = f.Pixdim,
            VoxelOffset = voxOffset,
            ScaleSlope = f.Slope,
            ScaleIntercept = f.Inter,
            IsScaled = scaled,
            XyztUnits = f.XyztUnits,
            IntentCode = f.IntentCode,
            QformCode = f.QformCode,
            SformCode = f.SformCode,
            Quaternion = (f.Quatern[0], f.Quatern[1], f.Quatern[2]),
            QuaternionOffset = (f.Quatern[3], f.Quatern[4], f.Quatern[5]),
            Qfac = f.Pixdim[0] < 0 ? -1 : 1,
            QformMatrix = qform,
            SformMatrix = sform,
            Affine = affine,
            AffineRule = rule,
            Description = f.Description,
            Warnings = warnings,
            Layout = new VoxelLayout(shape, channels, false, voxelType, littleEndian != BitConverter.IsLittleEndian, scaling),
        };
    }

    /// <summary>
    /// Parses the extension list in <paramref name="region"/> (the bytes from the end of the header plus flag up to
    /// vox_offset, or to the end of a .hdr). Each extension is esize (a multiple of 16, at least 16), ecode, data.
    /// </summary>
    public static IReadOnlyList<NiftiExtension> ParseExtensions(ReadOnlySpan<byte> region, long regionOffset, bool littleEndian, string path, string regionEnd)
    {
        var r = new EndianReader(region, littleEndian);
        var extensions = new List<NiftiExtension>();
        var position = 0;
        while (region.Length - position >= 8)
        {
            var size = r.Int32(position);
            var code = r.Int32(position + 4);
            var at = regionOffset + position;
            if (size < 16)
            {
                throw new InvalidVolumeException(path, $"extension {extensions.Count} at byte {at} has esize {size}; an extension needs esize ≥ 16");
            }

            if (size % 16 != 0)
            {
                throw new InvalidVolumeException(path, $"extension {extensions.Count} at byte {at} has esize {size}, not a multiple of 16");
            }

            if (size > region.Length - position)
            {
                throw new InvalidVolumeException(path,
                    $"extension {extensions.Count} at byte {at} has esize {size} and runs past {regionEnd} (byte {regionOffset + region.Length})");
            }

            extensions.Add(new NiftiExtension(code, size, at));
            position += size;
        }

        return extensions;
    }

    /// <summary>A header/image pair whose header has no NIfTI magic is Analyze 7.5, as nibabel reads it; a .nii never is.</summary>
    private static bool IsAnalyze(ReadOnlySpan<byte> header, int version, bool singleFile)
    {
        if (version != 1 || singleFile)
        {
            return false;
        }

        var magic = header.Slice(344, 4);
        var stem = System.Text.Encoding.Latin1.GetString(magic[..3]);
        return magic[3] != 0 || (stem != "n+1" && stem != "ni1");
    }

    /// <summary>
    /// nibabel's affine of an Analyze 7.5 header (<c>Spm99AnalyzeHeader.get_origin_affine</c>): voxel sizes from pixdim with
    /// x negated (Analyze data are assumed stored left to right, "radiological"), translated so that the SPM origin
    /// (originator, 1-based voxel, at byte 253) maps to world 0, or the centre of the grid when the origin is unset or
    /// implausible. Nothing else in the header describes orientation; an SPM <c>.mat</c> sidecar is not read.
    /// </summary>
    private static (AffineMatrix Affine, NiftiAffineRule Rule, AffineMatrix? Qform, AffineMatrix? Sform) AnalyzeAffine(
        EndianReader r, in RawFields f, string path, List<string> warnings)
    {
        var origin = new double[3];
        var zooms = new double[3];
        var stored = new double[3];
        var plausible = true;
        for (var i = 0; i < 3; i++)
        {
            var dim = (double)f.Dims[i + 1];
            stored[i] = r.Int16(253 + (2 * i));
            plausible &= stored[i] > -dim && stored[i] < 2 * dim;
            zooms[i] = f.Pixdim[i + 1] > 0 ? f.Pixdim[i + 1] : 1;
            if (f.Pixdim[i + 1] <= 0)
            {
                warnings.Add($"pixdim[{i + 1}] is {f.Pixdim[i + 1]}; read as 1");
            }
        }

        var useStored = plausible && stored.Any(o => o != 0);
        for (var i = 0; i < 3; i++)
        {
            origin[i] = useStored ? stored[i] - 1 : (f.Dims[i + 1] - 1) / 2.0;
        }

        warnings.Add("Analyze 7.5 header (no NIfTI magic): the affine is nibabel's, from pixdim and the SPM origin only, with x flipped; the true orientation is not recorded");
        var affine = AffineMatrix.Diagonal(-zooms[0], zooms[1], zooms[2], origin[0] * zooms[0], -origin[1] * zooms[1], -origin[2] * zooms[2]);
        return (AffineChecks.EnsureUsable(affine, "pixdim (Analyze)", path), NiftiAffineRule.AnalyzeOrigin, null, null);
    }

    private static void CheckMagic(ReadOnlySpan<byte> header, int version, bool singleFile, string path)
    {
        var expected = (version, singleFile) switch
        {
            (1, true) => "n+1",
            (1, false) => "ni1",
            (2, true) => "n+2",
            _ => "ni2",
        };
        var magic = version == 1 ? header.Slice(344, 4) : header.Slice(4, 8);
        var stem = System.Text.Encoding.Latin1.GetString(magic[..3]);
        if (magic[3] != 0 || (stem != "n+1" && stem != "ni1" && stem != "n+2" && stem != "ni2"))
        {
            var shown = Convert.ToHexString(magic);
            throw new InvalidVolumeException(path, version == 1 && !singleFile
                ? $"magic is 0x{shown}, not \"ni1\\0\"; this may be an Analyze 7.5 header, which is not supported"
                : $"magic is 0x{shown}, not \"{expected}\\0\"; not a NIfTI-{version} file (Analyze 7.5 is not read)");
        }

        if (stem != expected)
        {
            throw new InvalidVolumeException(path, singleFile
                ? $"magic \"{stem}\" marks a .hdr/.img pair, but this is a single-file NIfTI (expected \"{expected}\")"
                : $"magic \"{stem}\" marks a single-file NIfTI, but this is a .hdr/.img pair (expected \"{expected}\")");
        }

        if (version == 2 && !magic[4..].SequenceEqual(Nifti2Tail))
        {
            throw new InvalidVolumeException(path,
                "NIfTI-2 magic lacks its \\r\\n\\x1a\\n tail; the file was probably altered by a text-mode transfer");
        }
    }

    private static (VolumeShape Shape, int Channels) CheckDimensions(long[] dims, string path, VolumeReadOptions options)
    {
        var rank = dims[0];
        if (rank is < 1 or > 7)
        {
            throw new InvalidVolumeException(path, $"dim[0] is {rank}; the number of dimensions must be 1..7");
        }

        var limit = Math.Min(options.MaxVoxels, Array.MaxLength);
        Int128 product = 1;
        for (var i = 1; i <= rank; i++)
        {
            if (dims[i] < 1)
            {
                throw new InvalidVolumeException(path, $"dim[{i}] is {dims[i]}; every used dimension must be at least 1");
            }

            product *= dims[i];
            if (product > limit)
            {
                throw new InvalidVolumeException(path,
                    $"dimensions {string.Join("×", dims.Skip(1).Take((int)rank))} hold more than {limit:N0} values, " +
                    "the limit (VolumeReadOptions.MaxVoxels; at most Array.MaxLength)");
            }
        }

        long At(int i) => i <= rank ? dims[i] : 1;
        long channels = 1;
        for (var i = 4; i <= rank; i++)
        {
            channels *= dims[i];
        }

        // The product check above bounds every factor, so these casts cannot overflow.
        return (new VolumeShape((int)At(1), (int)At(2), (int)At(3)), (int)channels);
    }

    private static long CheckVoxOffset(double voxOffset, int version, bool singleFile, string path)
    {
        if (!double.IsFinite(voxOffset) || voxOffset < 0 || voxOffset != Math.Floor(voxOffset) || voxOffset > long.MaxValue / 2)
        {
            throw new InvalidVolumeException(path, $"vox_offset is {voxOffset.ToString("R", CultureInfo.InvariantCulture)}; it must be a non-negative whole number of bytes");
        }

        var minimum = HeaderSize(version) + 4;
        if (singleFile && voxOffset < minimum)
        {
            throw new InvalidVolumeException(path, $"vox_offset is {voxOffset}; in a single-file NIfTI-{version} the data cannot start before byte {minimum}");
        }

        return (long)voxOffset;
    }

    private static (VoxelScaling Scaling, bool Scaled) CheckScaling(double slope, double inter, string path)
    {
        if (slope == 0 || !double.IsFinite(slope))
        {
            return (VoxelScaling.None, false);
        }

        if (!double.IsFinite(inter))
        {
            throw new InvalidVolumeException(path, $"scl_inter is {inter} with a valid scl_slope {slope}; the scaled values would not be finite");
        }

        var scaling = new VoxelScaling(slope, inter);
        return (scaling, !scaling.IsIdentity);
    }

    private static (AffineMatrix Affine, NiftiAffineRule Rule, AffineMatrix? Qform, AffineMatrix? Sform) ChooseAffine(
        in RawFields f, string path, List<string> warnings)
    {
        var qfac = f.Pixdim[0] < 0 ? -1 : 1;
        AffineMatrix? qform = null;
        string? qformProblem = null;
        if (f.QformCode > 0)
        {
            qform = NiftiAffine.FromQuaternion(f.Quatern[0], f.Quatern[1], f.Quatern[2], f.Quatern[3], f.Quatern[4], f.Quatern[5],
                f.Pixdim[1], f.Pixdim[2], f.Pixdim[3], qfac, out qformProblem);
        }

        AffineMatrix? sform = null;
        string? sformProblem = null;
        if (f.SformCode > 0)
        {
            if (f.Srow.All(double.IsFinite))
            {
                sform = AffineMatrix.FromRows(f.Srow);
            }
            else
            {
                sformProblem = "an srow value is not finite";
            }
        }

        if (f.QformCode < 0 || f.SformCode < 0)
        {
            warnings.Add($"negative qform_code {f.QformCode} / sform_code {f.SformCode} read as 0");
        }

        if (f.SformCode > 0)
        {
            if (sform is null)
            {
                throw new InvalidVolumeException(path, $"sform_code is {f.SformCode} but {sformProblem}");
            }

            if (qformProblem is not null)
            {
                warnings.Add($"the unused qform is invalid: {qformProblem}");
            }

            return (AffineChecks.EnsureUsable(sform, "sform (srow_x/y/z)", path), NiftiAffineRule.Sform, qform, sform);
        }

        if (f.QformCode > 0)
        {
            if (qform is null)
            {
                throw new InvalidVolumeException(path, $"qform_code is {f.QformCode} but {qformProblem}");
            }

            return (AffineChecks.EnsureUsable(qform, "qform", path), NiftiAffineRule.Qform, qform, null);
        }

        var spacing = new double[3];
        for (var i = 0; i < 3; i++)
        {
            spacing[i] = f.Pixdim[i + 1] > 0 ? f.Pixdim[i + 1] : 1;
            if (f.Pixdim[i + 1] <= 0)
            {
                warnings.Add($"pixdim[{i + 1}] is {f.Pixdim[i + 1]}; read as 1");
            }
        }

        var method1 = AffineMatrix.Diagonal(spacing[0], spacing[1], spacing[2]);
        return (AffineChecks.EnsureUsable(method1, "pixdim (method 1)", path), NiftiAffineRule.PixelDimensions, null, null);
    }

    private static RawFields ReadNifti1(EndianReader r)
    {
        var f = new RawFields { Dims = new long[8], Pixdim = new double[8], Quatern = new double[6], Srow = new double[12] };
        for (var i = 0; i < 8; i++)
        {
            f.Dims[i] = r.Int16(40 + (2 * i));
            f.Pixdim[i] = r.Single(76 + (4 * i));
        }

        f.IntentCode = r.Int16(68);
        f.DataType = r.Int16(70);
        f.Bitpix = r.Int16(72);
        f.VoxOffset = r.Single(108);
        f.Slope = r.Single(112);
        f.Inter = r.Single(116);
        f.XyztUnits = r.Byte(123);
        f.Description = r.Text(148, 80);
        f.QformCode = r.Int16(252);
        f.SformCode = r.Int16(254);
        for (var i = 0; i < 6; i++)
        {
            f.Quatern[i] = r.Single(256 + (4 * i));
        }

        for (var i = 0; i < 12; i++)
        {
            f.Srow[i] = r.Single(280 + (4 * i));
        }

        return f;
    }

    private static RawFields ReadNifti2(EndianReader r)
    {
        var f = new RawFields { Dims = new long[8], Pixdim = new double[8], Quatern = new double[6], Srow = new double[12] };
        for (var i = 0; i < 8; i++)
        {
            f.Dims[i] = r.Int64(16 + (8 * i));
            f.Pixdim[i] = r.Double(104 + (8 * i));
        }

        f.DataType = r.Int16(12);
        f.Bitpix = r.Int16(14);
        f.VoxOffset = r.Int64(168);
        f.Slope = r.Double(176);
        f.Inter = r.Double(184);
        f.Description = r.Text(240, 80);
        f.QformCode = r.Int32(344);
        f.SformCode = r.Int32(348);
        for (var i = 0; i < 6; i++)
        {
            f.Quatern[i] = r.Double(352 + (8 * i));
        }

        for (var i = 0; i < 12; i++)
        {
            f.Srow[i] = r.Double(400 + (8 * i));
        }

        f.XyztUnits = r.Int32(500);
        f.IntentCode = r.Int32(504);
        return f;
    }

    /// <summary>The header fields the SDK uses, widened to the NIfTI-2 types.</summary>
    private struct RawFields
    {
        public long[] Dims;
        public double[] Pixdim;
        public double[] Quatern;
        public double[] Srow;
        public short DataType;
        public int Bitpix;
        public double VoxOffset;
        public double Slope;
        public double Inter;
        public int XyztUnits;
        public int IntentCode;
        public int QformCode;
        public int SformCode;
        public string Description;
    }
}
