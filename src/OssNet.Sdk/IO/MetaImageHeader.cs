// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>The parsed, validated text header of a MetaImage (.mha/.mhd) file.</summary>
/// <remarks>
/// MetaImage (ITK) positions are in LPS; <see cref="Affine"/> is converted to the SDK's RAS+:
/// A_ras = diag(−1, −1, 1) · [D · diag(spacing) | Offset], where column i of D is the i-th direction vector of
/// TransformMatrix.
/// </remarks>
public sealed class MetaImageHeader
{
    internal MetaImageHeader()
    {
    }

    /// <summary>Gets every "Key = Value" entry in file order, including keys the reader ignores.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; internal init; } = [];

    /// <summary>Gets NDims.</summary>
    public int Dimensions { get; internal init; }

    /// <summary>Gets DimSize (NDims values).</summary>
    public IReadOnlyList<long> DimensionSizes { get; internal init; } = [];

    /// <summary>Gets ElementType, e.g. MET_FLOAT.</summary>
    public string ElementType { get; internal init; } = string.Empty;

    /// <summary>Gets ElementNumberOfChannels (interleaved components per voxel; 1 when absent).</summary>
    public int ElementChannels { get; internal init; } = 1;

    /// <summary>Gets ElementSpacing (or ElementSize when spacing is absent; 1 when both are).</summary>
    public IReadOnlyList<double> Spacing { get; internal init; } = [];

    /// <summary>Gets Offset (alias Position, Origin) in ITK's LPS frame.</summary>
    public IReadOnlyList<double> OffsetLps { get; internal init; } = [];

    /// <summary>Gets TransformMatrix (alias Rotation, Orientation): NDims direction vectors, one per index axis, in LPS.</summary>
    public IReadOnlyList<double> TransformMatrix { get; internal init; } = [];

    /// <summary>Gets a value indicating whether the data is big-endian (BinaryDataByteOrderMSB / ElementByteOrderMSB).</summary>
    public bool IsBigEndian { get; internal init; }

    /// <summary>Gets a value indicating whether the data is zlib/gzip compressed (CompressedData).</summary>
    public bool IsCompressed { get; internal init; }

    /// <summary>Gets CompressedDataSize, when present.</summary>
    public long? CompressedDataSize { get; internal init; }

    /// <summary>Gets HeaderSize: bytes to skip in an external data file (−1: the data is at the end of the file).</summary>
    public long HeaderSize { get; internal init; }

    /// <summary>Gets ElementDataFile: "LOCAL" or a file name relative to the header's folder.</summary>
    public string ElementDataFile { get; internal init; } = string.Empty;

    /// <summary>Gets a value indicating whether the data follows the header in the same file (ElementDataFile = LOCAL).</summary>
    public bool IsLocal => string.Equals(ElementDataFile, "LOCAL", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the spatial shape (DimSize[0..2]; missing dimensions are 1).</summary>
    public VolumeShape Shape { get; internal init; }

    /// <summary>Gets the number of channels (ElementNumberOfChannels, or DimSize[3] of a 4-D image).</summary>
    public int Channels { get; internal init; }

    /// <summary>Gets the voxel-to-world affine converted to RAS+ mm.</summary>
    public AffineMatrix Affine { get; internal init; } = AffineMatrix.Identity;

    /// <summary>Gets the geometry: <see cref="Shape"/>, the affine's column norms as spacing, and <see cref="Affine"/>.</summary>
    public VolumeGeometry Geometry => new(Shape, Affine.ColumnNorms, Affine);

    /// <summary>Gets the byte offset right after the header's ElementDataFile line (where LOCAL data starts).</summary>
    public long HeaderLength { get; internal init; }

    internal VoxelLayout Layout { get; init; } = null!;

    /// <summary>Returns the header facts as metadata entries (keys prefixed "metaimage.").</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["format"] = "MetaImage",
        ["metaimage.elementType"] = ElementType,
        ["metaimage.byteOrder"] = IsBigEndian ? "big-endian" : "little-endian",
        ["metaimage.compressed"] = IsCompressed ? "true" : "false",
        ["metaimage.elementDataFile"] = ElementDataFile,
        ["metaimage.offsetLps"] = string.Join(" ", OffsetLps.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        ["metaimage.transformMatrix"] = string.Join(" ", TransformMatrix.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        ["metaimage.affine"] = Affine.ToString(),
    };
}
