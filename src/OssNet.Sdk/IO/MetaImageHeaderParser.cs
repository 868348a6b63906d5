// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Reads and validates a MetaImage text header ("Key = Value" lines up to and including ElementDataFile).</summary>
internal static class MetaImageHeaderParser
{
    /// <summary>The longest header line accepted; ITK's longest lines (the NIfTI dictionary it copies) are far shorter.</summary>
    public const int MaxLineLength = 64 * 1024;

    private static readonly Dictionary<string, (VoxelType Type, bool IsArray)> s_elementTypes = BuildElementTypes();

    /// <summary>Reads header lines from the start of <paramref name="stream"/> and parses them.</summary>
    public static async Task<MetaImageHeader> ReadAsync(Stream stream, string path, VolumeReadOptions options, CancellationToken cancellationToken)
    {
        var (lines, headerLength, rest) = await ReadLinesAsync(stream, path, options, cancellationToken).ConfigureAwait(false);
        // Trailing lines exist only for an external data file (LOCAL stops reading at ElementDataFile).
        if (rest.FirstOrDefault(line => !string.IsNullOrWhiteSpace(line)) is { } misplaced)
        {
            throw new InvalidVolumeException(path, $"ElementDataFile must be the last key, but \"{Shorten(misplaced.Trim())}\" follows it");
        }

        return Parse(lines, headerLength, path, options);
    }

    private static async Task<(List<string> Lines, long HeaderLength, List<string> Trailing)> ReadLinesAsync(
        Stream stream, string path, VolumeReadOptions options, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var rest = new List<string>();
        var current = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long consumed = 0;
        long headerLength = -1;
        while (true)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                consumed++;
                if (buffer[i] != (byte)'\n')
                {
                    if (current.Length >= MaxLineLength)
                    {
                        throw new InvalidVolumeException(path, $"header line {lines.Count + rest.Count + 1} is longer than {MaxLineLength:N0} bytes; not a MetaImage header");
                    }

                    current.WriteByte(buffer[i]);
                    continue;
                }

                var line = Decode(current);
                current.SetLength(0);
                if (headerLength >= 0)
                {
                    rest.Add(line);
                    continue;
                }

                lines.Add(line);
                if (KeyOf(line) == "ElementDataFile")
                {
                    headerLength = consumed;
                    if (IsLocalLine(line))
                    {
                        return (lines, headerLength, rest);
                    }
                }
            }

            if (consumed > options.MaxHeaderBytes)
            {
                throw new InvalidVolumeException(path, headerLength < 0
                    ? $"no ElementDataFile within the first {options.MaxHeaderBytes:N0} bytes (VolumeReadOptions.MaxHeaderBytes); not a MetaImage header or a missing key"
                    : $"the header file is larger than {options.MaxHeaderBytes:N0} bytes (VolumeReadOptions.MaxHeaderBytes)");
            }
        }

        if (current.Length > 0)
        {
            var last = Decode(current);
            if (headerLength >= 0)
            {
                rest.Add(last);
            }
            else
            {
                lines.Add(last);
                if (KeyOf(last) == "ElementDataFile")
                {
                    headerLength = consumed;
                }
            }
        }

        if (headerLength < 0)
        {
            throw new InvalidVolumeException(path, "the header has no ElementDataFile key (it must be the last key)");
        }

        return (lines, headerLength, rest);
    }

    private static bool IsLocalLine(string line) =>
        string.Equals(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim(), "LOCAL", StringComparison.OrdinalIgnoreCase);

    private static string Decode(MemoryStream line)
    {
        var text = Encoding.Latin1.GetString(line.GetBuffer(), 0, (int)line.Length);
        return text.EndsWith('\r') ? text[..^1] : text;
    }

    private static string? KeyOf(string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? null : line[..equals].Trim();
    }

    private static MetaImageHeader Parse(List<string> lines, long headerLength, string path, VolumeReadOptions options)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var key = KeyOf(line);
            if (string.IsNullOrEmpty(key))
            {
                throw new InvalidVolumeException(path, $"header line {i + 1} (\"{Shorten(line)}\") is not \"Key = Value\"");
            }

            var value = line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
            entries.Add(new(key, value));
            var canonical = Canonical(key);
            if (canonical is not null && !values.TryAdd(canonical, value))
            {
                throw new InvalidVolumeException(path, $"header key {key} appears more than once (or with an alias of {canonical})");
            }
        }

        var p = new Fields(values, path);
        var objectType = p.Text("ObjectType");
        if (objectType is not null && !string.Equals(objectType, "Image", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidVolumeException(path, $"ObjectType is {objectType}; only Image is read");
        }

        var declared = p.Integers("NDims", 1, required: true)![0];
        if (declared is < 1 or > 4)
        {
            throw new InvalidVolumeException(path, $"NDims is {declared}; supported are 1..4 (the 4th dimension becomes channels)");
        }

        var n = (int)declared;

        var dims = p.Integers("DimSize", n, required: true)!;
        for (var i = 0; i < n; i++)
        {
            if (dims[i] < 1)
            {
                throw new InvalidVolumeException(path, $"DimSize[{i}] is {dims[i]}; every size must be at least 1");
            }
        }

        var elementTypeName = p.Text("ElementType") ?? throw new InvalidVolumeException(path, "the header has no ElementType");
        if (!s_elementTypes.TryGetValue(elementTypeName, out var element))
        {
            throw new InvalidVolumeException(path, $"ElementType {elementTypeName} is not supported (MET_CHAR, MET_UCHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_LONG, MET_ULONG, MET_LONG_LONG, MET_ULONG_LONG, MET_FLOAT, MET_DOUBLE and their _ARRAY forms)");
        }

        var declaredChannels = p.Integers("ElementNumberOfChannels", 1, required: false)?[0] ?? 1;
        if (declaredChannels is < 1 or > int.MaxValue)
        {
            throw new InvalidVolumeException(path, $"ElementNumberOfChannels is {declaredChannels}; it must be in 1..{int.MaxValue}");
        }

        var elementChannels = (int)declaredChannels;

        if (n == 4 && elementChannels > 1)
        {
            throw new InvalidVolumeException(path, "a 4-D image with several ElementNumberOfChannels is not supported");
        }

        var channelCount = n == 4 ? dims[3] : elementChannels;
        CheckCount(dims, channelCount, n, path, options);

        var spacing = p.Reals("ElementSpacing", n) ?? p.Reals("ElementSize", n) ?? Enumerable.Repeat(1.0, n).ToArray();
        for (var i = 0; i < n; i++)
        {
            if (!(spacing[i] > 0) || !double.IsFinite(spacing[i]))
            {
                throw new InvalidVolumeException(path, $"ElementSpacing[{i}] is {spacing[i]}; spacing must be positive and finite");
            }
        }

        var offset = p.Reals("Offset", n) ?? new double[n];
        var transform = p.Reals("TransformMatrix", n * n) ?? Identity(n);
        if (!offset.All(double.IsFinite) || !transform.All(double.IsFinite))
        {
            throw new InvalidVolumeException(path, "Offset or TransformMatrix holds a value that is not finite");
        }

        if (p.Boolean("BinaryData") == false)
        {
            throw new InvalidVolumeException(path, "BinaryData is False (ASCII voxel data is not supported)");
        }

        var compressed = p.Boolean("CompressedData") ?? false;
        var compressedSize = p.Integers("CompressedDataSize", 1, required: false)?[0];
        if (compressedSize is < 0)
        {
            throw new InvalidVolumeException(path, $"CompressedDataSize is {compressedSize}; it cannot be negative");
        }

        var headerSize = p.Integers("HeaderSize", 1, required: false)?[0] ?? 0;
        if (headerSize < -1)
        {
            throw new InvalidVolumeException(path, $"HeaderSize is {headerSize}; it must be ≥ 0, or −1 for data at the end of the file");
        }

        var dataFile = p.Text("ElementDataFile")!;
        if (dataFile.StartsWith("LIST", StringComparison.OrdinalIgnoreCase) || dataFile.Contains('%', StringComparison.Ordinal))
        {
            throw new InvalidVolumeException(path, $"ElementDataFile \"{dataFile}\" is a slice list or pattern, which is not supported (use LOCAL or one data file)");
        }

        AffineMatrix affine;
        try
        {
            affine = AffineChecks.EnsureUsable(MetaImageGeometry.ToRas(n, spacing, offset, transform), "TransformMatrix × ElementSpacing", path);
        }
        catch (ArgumentException e)
        {
            throw new InvalidVolumeException(path, $"TransformMatrix × ElementSpacing overflows: {e.Message}", e);
        }

        var bigEndian = p.Boolean("BinaryDataByteOrderMSB") ?? false;
        var shape = new VolumeShape((int)dims[0], n > 1 ? (int)dims[1] : 1, n > 2 ? (int)dims[2] : 1);
        return new MetaImageHeader
        {
            Entries = entries,
            Dimensions = n,
            DimensionSizes = dims,
            ElementType = elementTypeName,
            ElementChannels = elementChannels,
            Spacing = spacing,
            OffsetLps = offset,
            TransformMatrix = transform,
            IsBigEndian = bigEndian,
            IsCompressed = compressed,
            CompressedDataSize = compressedSize,
            HeaderSize = headerSize,
            ElementDataFile = dataFile,
            Shape = shape,
            Channels = (int)channelCount,
            Affine = affine,
            HeaderLength = headerLength,
            Layout = new VoxelLayout(shape, (int)channelCount, elementChannels > 1, element.Type, bigEndian == BitConverter.IsLittleEndian, VoxelScaling.None),
        };
    }

    private static void CheckCount(long[] dims, long channels, int n, string path, VolumeReadOptions options)
    {
        var limit = Math.Min(options.MaxVoxels, Array.MaxLength);
        Int128 product = channels;
        for (var i = 0; i < Math.Min(n, 3); i++)
        {
            product *= dims[i];
            if (product > limit)
            {
                break;
            }
        }

        if (product > limit)
        {
            throw new InvalidVolumeException(path,
                $"DimSize {string.Join(" ", dims)} × {channels} channel(s) hold more than {limit:N0} values, the limit (VolumeReadOptions.MaxVoxels; at most Array.MaxLength)");
        }
    }

    private static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = 1;
        }

        return m;
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";

    /// <summary>Maps a key or one of its MetaIO aliases to the name the parser uses; null for keys it ignores.</summary>
    private static string? Canonical(string key) => key switch
    {
        "ObjectType" or "NDims" or "DimSize" or "ElementType" or "ElementNumberOfChannels" or "ElementSpacing" or "ElementSize"
            or "BinaryData" or "CompressedData" or "CompressedDataSize" or "HeaderSize" or "ElementDataFile" => key,
        "Offset" or "Position" or "Origin" => "Offset",
        "TransformMatrix" or "Rotation" or "Orientation" => "TransformMatrix",
        "BinaryDataByteOrderMSB" or "ElementByteOrderMSB" => "BinaryDataByteOrderMSB",
        _ => null,
    };

    private static Dictionary<string, (VoxelType, bool)> BuildElementTypes()
    {
        var map = new Dictionary<string, (VoxelType, bool)>(StringComparer.Ordinal);
        (string Name, VoxelType Type)[] scalars =
        [
            ("MET_CHAR", VoxelType.Int8), ("MET_UCHAR", VoxelType.UInt8), ("MET_SHORT", VoxelType.Int16), ("MET_USHORT", VoxelType.UInt16),
            ("MET_INT", VoxelType.Int32), ("MET_UINT", VoxelType.UInt32), ("MET_LONG", VoxelType.Int32), ("MET_ULONG", VoxelType.UInt32),
            ("MET_LONG_LONG", VoxelType.Int64), ("MET_ULONG_LONG", VoxelType.UInt64), ("MET_FLOAT", VoxelType.Float32), ("MET_DOUBLE", VoxelType.Float64),
        ];
        foreach (var (name, type) in scalars)
        {
            map[name] = (type, false);
            map[name + "_ARRAY"] = (type, true);
        }

        return map;
    }

    /// <summary>Typed access to header values, with errors that name the key.</summary>
    private readonly struct Fields(Dictionary<string, string> values, string path)
    {
        public string? Text(string key) => values.TryGetValue(key, out var v) ? v : null;

        public bool? Boolean(string key)
        {
            if (Text(key) is not { } v)
            {
                return null;
            }

            return v.ToUpperInvariant() switch
            {
                "TRUE" or "T" or "1" => true,
                "FALSE" or "F" or "0" => false,
                _ => throw new InvalidVolumeException(path, $"{key} is \"{Shorten(v)}\", not True or False"),
            };
        }

        public long[]? Integers(string key, int count, bool required)
        {
            var parts = Split(key, count, required);
            if (parts is null)
            {
                return null;
            }

            var result = new long[count];
            for (var i = 0; i < count; i++)
            {
                if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result[i]))
                {
                    throw new InvalidVolumeException(path, $"{key} value \"{Shorten(parts[i])}\" is not an integer");
                }
            }

            return result;
        }

        public double[]? Reals(string key, int count)
        {
            var parts = Split(key, count, required: false);
            if (parts is null)
            {
                return null;
            }

            var result = new double[count];
            for (var i = 0; i < count; i++)
            {
                if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                {
                    throw new InvalidVolumeException(path, $"{key} value \"{Shorten(parts[i])}\" is not a number");
                }
            }

            return result;
        }

        private string[]? Split(string key, int count, bool required)
        {
            if (Text(key) is not { } v)
            {
                return required ? throw new InvalidVolumeException(path, $"the header has no {key}") : null;
            }

            var parts = v.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != count)
            {
                throw new InvalidVolumeException(path, $"{key} has {parts.Length} value(s); NDims requires {count}");
            }

            return parts;
        }
    }
}
