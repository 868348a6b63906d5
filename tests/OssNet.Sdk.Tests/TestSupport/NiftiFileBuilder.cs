// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.IO.Compression;
using OssNet.Sdk.IO;

namespace OssNet.Sdk.Tests.TestSupport;

/// <summary>
/// Builds NIfTI-1/2 files byte by byte, independently of the SDK's writer, so tests can produce any byte order,
/// datatype, transform and corruption.
/// </summary>
internal sealed class NiftiFileBuilder
{
    public int Version { get; set; } = 1;

    public bool LittleEndian { get; set; } = true;

    public bool SingleFile { get; set; } = true;

    public long[] Dim { get; set; } = [3, 3, 4, 5, 1, 1, 1, 1];

    public short DataType { get; set; } = (short)NiftiDataType.Float32;

    public short? Bitpix { get; set; }

    public double[] Pixdim { get; set; } = [1, 1, 1, 1, 1, 1, 1, 1];

    public double? VoxOffset { get; set; }

    public double SclSlope { get; set; } = 1;

    public double SclInter { get; set; }

    public int QformCode { get; set; }

    public int SformCode { get; set; }

    /// <summary>quatern_b, c, d, qoffset_x, y, z.</summary>
    public double[] Quatern { get; set; } = new double[6];

    public double[] Srow { get; set; } = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

    public byte XyztUnits { get; set; } = 2;

    public int? SizeOfHdr { get; set; }

    /// <summary>Overrides the magic bytes (4 for NIfTI-1, 8 for NIfTI-2).</summary>
    public byte[]? Magic { get; set; }

    public byte[] ExtensionFlag { get; set; } = [0, 0, 0, 0];

    /// <summary>Raw bytes placed right after the extension flag (extensions or padding).</summary>
    public byte[] ExtensionBytes { get; set; } = [];

    /// <summary>Raw voxel bytes (already encoded in the file's byte order).</summary>
    public byte[] Data { get; set; } = [];

    public int HeaderSize => Version == 1 ? 348 : 540;

    /// <summary>Encodes <paramref name="values"/> as <paramref name="type"/> in the given byte order.</summary>
    public static byte[] Encode(IReadOnlyList<double> values, NiftiDataType type, bool littleEndian)
    {
        var size = type switch
        {
            NiftiDataType.UInt8 or NiftiDataType.Int8 => 1,
            NiftiDataType.Int16 or NiftiDataType.UInt16 => 2,
            NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 => 4,
            _ => 8,
        };
        var bytes = new byte[values.Count * size];
        for (var i = 0; i < values.Count; i++)
        {
            var s = bytes.AsSpan(i * size, size);
            var v = values[i];
            switch (type)
            {
                case NiftiDataType.UInt8: s[0] = (byte)v; break;
                case NiftiDataType.Int8: s[0] = (byte)(sbyte)v; break;
                case NiftiDataType.Int16: BinaryPrimitives.WriteInt16LittleEndian(s, (short)v); break;
                case NiftiDataType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v); break;
                case NiftiDataType.Int32: BinaryPrimitives.WriteInt32LittleEndian(s, (int)v); break;
                case NiftiDataType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v); break;
                case NiftiDataType.Int64: BinaryPrimitives.WriteInt64LittleEndian(s, (long)v); break;
                case NiftiDataType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(s, (ulong)v); break;
                case NiftiDataType.Float32: BinaryPrimitives.WriteSingleLittleEndian(s, (float)v); break;
                case NiftiDataType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
                default: throw new ArgumentOutOfRangeException(nameof(type));
            }

            if (!littleEndian)
            {
                s.Reverse();
            }
        }

        return bytes;
    }

    public byte[] BuildHeader()
    {
        var h = new byte[HeaderSize];
        var w = new Writer(h, LittleEndian);
        w.I32(0, SizeOfHdr ?? HeaderSize);
        var voxOffset = VoxOffset ?? (SingleFile ? HeaderSize + 4 + ExtensionBytes.Length : 0);
        if (Version == 1)
        {
            h[38] = (byte)'r';
            for (var i = 0; i < 8; i++)
            {
                w.I16(40 + (2 * i), (short)Dim[i]);
                w.F32(76 + (4 * i), Pixdim[i]);
            }

            w.I16(70, DataType);
            w.I16(72, Bitpix ?? DefaultBitpix());
            w.F32(108, voxOffset);
            w.F32(112, SclSlope);
            w.F32(116, SclInter);
            h[123] = XyztUnits;
            w.I16(252, (short)QformCode);
            w.I16(254, (short)SformCode);
            for (var i = 0; i < 6; i++)
            {
                w.F32(256 + (4 * i), Quatern[i]);
            }

            for (var i = 0; i < 12; i++)
            {
                w.F32(280 + (4 * i), Srow[i]);
            }

            (Magic ?? (SingleFile ? "n+1\0"u8.ToArray() : "ni1\0"u8.ToArray())).CopyTo(h, 344);
        }
        else
        {
            (Magic ?? (SingleFile ? "n+2\0\r\n\u001a\n"u8.ToArray() : "ni2\0\r\n\u001a\n"u8.ToArray())).CopyTo(h, 4);
            w.I16(12, DataType);
            w.I16(14, Bitpix ?? DefaultBitpix());
            for (var i = 0; i < 8; i++)
            {
                w.I64(16 + (8 * i), Dim[i]);
                w.F64(104 + (8 * i), Pixdim[i]);
            }

            w.I64(168, (long)voxOffset);
            w.F64(176, SclSlope);
            w.F64(184, SclInter);
            w.I32(344, QformCode);
            w.I32(348, SformCode);
            for (var i = 0; i < 6; i++)
            {
                w.F64(352 + (8 * i), Quatern[i]);
            }

            for (var i = 0; i < 12; i++)
            {
                w.F64(400 + (8 * i), Srow[i]);
            }

            w.I32(500, XyztUnits);
        }

        return h;
    }

    /// <summary>Header, extension flag, extension bytes, padding up to vox_offset, then the data.</summary>
    public byte[] BuildSingleFile()
    {
        using var s = new MemoryStream();
        s.Write(BuildHeader());
        s.Write(ExtensionFlag);
        s.Write(ExtensionBytes);
        var voxOffset = (long)(VoxOffset ?? (HeaderSize + 4 + ExtensionBytes.Length));
        while (s.Length < voxOffset)
        {
            s.WriteByte(0);
        }

        s.Write(Data);
        return s.ToArray();
    }

    /// <summary>The .hdr of a pair: header, flag and extension bytes.</summary>
    public byte[] BuildPairHeader()
    {
        SingleFile = false;
        return [.. BuildHeader(), .. ExtensionFlag, .. ExtensionBytes];
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private short DefaultBitpix() => (short)(DataType switch
    {
        2 or 256 => 8,
        4 or 512 => 16,
        8 or 16 or 768 => 32,
        64 or 1024 or 1280 or 32 => 64,
        _ => 0,
    });

    private readonly ref struct Writer(Span<byte> h, bool little)
    {
        private readonly Span<byte> _h = h;

        public void I16(int o, short v)
        {
            if (little)
            {
                BinaryPrimitives.WriteInt16LittleEndian(_h[o..], v);
            }
            else
            {
                BinaryPrimitives.WriteInt16BigEndian(_h[o..], v);
            }
        }

        public void I32(int o, int v)
        {
            if (little)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_h[o..], v);
            }
            else
            {
                BinaryPrimitives.WriteInt32BigEndian(_h[o..], v);
            }
        }

        public void I64(int o, long v)
        {
            if (little)
            {
                BinaryPrimitives.WriteInt64LittleEndian(_h[o..], v);
            }
            else
            {
                BinaryPrimitives.WriteInt64BigEndian(_h[o..], v);
            }
        }

        public void F32(int o, double v)
        {
            if (little)
            {
                BinaryPrimitives.WriteSingleLittleEndian(_h[o..], (float)v);
            }
            else
            {
                BinaryPrimitives.WriteSingleBigEndian(_h[o..], (float)v);
            }
        }

        public void F64(int o, double v)
        {
            if (little)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(_h[o..], v);
            }
            else
            {
                BinaryPrimitives.WriteDoubleBigEndian(_h[o..], v);
            }
        }
    }
}
