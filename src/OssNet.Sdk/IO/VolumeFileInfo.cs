// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>What a volume file's header says, read without its voxels.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">The file format.</param>
/// <param name="Geometry">Shape, spacing and RAS+ affine.</param>
/// <param name="Channels">The number of channels.</param>
/// <param name="Metadata">Format details: version, datatype, byte order, affine rule and codes, warnings.</param>
public sealed record VolumeFileInfo(string Path, VolumeFileFormat Format, VolumeGeometry Geometry, int Channels, IReadOnlyDictionary<string, string> Metadata);
