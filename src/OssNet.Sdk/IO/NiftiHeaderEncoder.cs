// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Builds the 352 bytes (348-byte NIfTI-1 header + empty extension flag) the writer puts before the voxels.</summary>
internal static class NiftiHeaderEncoder
{
    /// <summary>The data offset of files written by the SDK: right after the header and extension flag.</summary>
    public const int VoxOffset = 352;

    /// <summary>NIFTI_INTENT_LABEL, set on label maps.</summary>
    public const short IntentLabel = 1002;

    /// <summary>
    /// Encodes a little-endian single-file NIfTI-1 header. The same affine goes into the sform (exactly, as float32)
    /// and the qform (quaternion of the rotation part, qfac −1 for a negative determinant); pixdim holds the column
    /// norms; units are mm. Stored values map to real values as <c>value · sclSlope + sclInter</c>.
    /// </summary>
    public static byte[] Encode(
        VolumeGeometry geometry, int channels, NiftiDataType dataType, short intentCode, VolumeWriteOptions options, float sclSlope = 1f, float sclInter = 0f)
    {
        var h = new byte[VoxOffset];
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, NiftiHeaderParser.Nifti1Size);
        h[38] = (byte)'r'; // "regular", as nibabel and nifti_clib write it.
        var shape = geometry.Shape;
        short[] dim = [(short)(channels > 1 ? 4 : 3), (short)shape.X, (short)shape.Y, (short)shape.Z, (short)channels, 1, 1, 1];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(40 + (2 * i))..], dim[i]);
        }

        BinaryPrimitives.WriteInt16LittleEndian(s[68..], intentCode);
        BinaryPrimitives.WriteInt16LittleEndian(s[70..], (short)dataType);
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], (short)NiftiDataTypes.BitsPerVoxel(dataType));

        var affine = geometry.Affine;
        var (b, c, d, dx, dy, dz, qfac) = NiftiAffine.ToQuaternion(affine);
        float[] pixdim = [qfac, (float)dx, (float)dy, (float)dz, 1, 1, 1, 1];
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[(76 + (4 * i))..], pixdim[i]);
        }

        BinaryPrimitives.WriteSingleLittleEndian(s[108..], VoxOffset);
        BinaryPrimitives.WriteSingleLittleEndian(s[112..], sclSlope);
        BinaryPrimitives.WriteSingleLittleEndian(s[116..], sclInter);
        h[123] = 2; // xyzt_units: millimetres
        "OssNet.Sdk"u8.CopyTo(s[148..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[252..], options.QformCode);
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], options.SformCode);
        var (tx, ty, tz) = affine.Translation;
        double[] quatern = [b, c, d, tx, ty, tz];
        for (var i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(s[(256 + (4 * i))..], (float)quatern[i]);
        }

        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 4; col++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(s[(280 + (16 * row) + (4 * col))..], (float)affine[row, col]);
            }
        }

        "n+1\0"u8.CopyTo(s[344..]);
        return h;
    }

    /// <summary>Throws when a shape or channel count does not fit NIfTI-1's int16 dims.</summary>
    public static void EnsureFits(VolumeShape shape, int channels)
    {
        if (shape.X > short.MaxValue || shape.Y > short.MaxValue || shape.Z > short.MaxValue || channels > short.MaxValue)
        {
            throw new ArgumentException($"A {shape}×{channels} volume does not fit NIfTI-1 dimensions (at most {short.MaxValue} per axis).");
        }
    }
}
