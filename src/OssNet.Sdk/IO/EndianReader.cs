// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;

namespace OssNet.Sdk.IO;

/// <summary>Reads fixed-offset numeric fields of a binary header in a given byte order.</summary>
internal readonly ref struct EndianReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _littleEndian;

    public EndianReader(ReadOnlySpan<byte> data, bool littleEndian)
    {
        _data = data;
        _littleEndian = littleEndian;
    }

    public short Int16(int offset) => _littleEndian
        ? BinaryPrimitives.ReadInt16LittleEndian(_data[offset..])
        : BinaryPrimitives.ReadInt16BigEndian(_data[offset..]);

    public int Int32(int offset) => _littleEndian
        ? BinaryPrimitives.ReadInt32LittleEndian(_data[offset..])
        : BinaryPrimitives.ReadInt32BigEndian(_data[offset..]);

    public long Int64(int offset) => _littleEndian
        ? BinaryPrimitives.ReadInt64LittleEndian(_data[offset..])
        : BinaryPrimitives.ReadInt64BigEndian(_data[offset..]);

    public float Single(int offset) => _littleEndian
        ? BinaryPrimitives.ReadSingleLittleEndian(_data[offset..])
        : BinaryPrimitives.ReadSingleBigEndian(_data[offset..]);

    public double Double(int offset) => _littleEndian
        ? BinaryPrimitives.ReadDoubleLittleEndian(_data[offset..])
        : BinaryPrimitives.ReadDoubleBigEndian(_data[offset..]);

    public byte Byte(int offset) => _data[offset];

    public string Text(int offset, int length)
    {
        var field = _data.Slice(offset, length);
        var end = field.IndexOf((byte)0);
        return System.Text.Encoding.Latin1.GetString(end < 0 ? field : field[..end]).TrimEnd();
    }
}
