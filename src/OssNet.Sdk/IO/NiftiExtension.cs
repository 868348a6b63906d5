// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>One NIfTI header extension, as listed (its content is skipped, not interpreted).</summary>
/// <param name="Code">The ecode (e.g. 2 DICOM, 4 AFNI, 6 COMMENT, 32 CIFTI).</param>
/// <param name="Size">The esize in bytes, including the 8-byte esize/ecode prefix.</param>
/// <param name="Offset">The byte offset of the extension in the header file.</param>
public sealed record NiftiExtension(int Code, int Size, long Offset);
