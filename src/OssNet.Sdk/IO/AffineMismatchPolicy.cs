// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>What a dataset source does when files of one case share a shape but not an affine.</summary>
public enum AffineMismatchPolicy
{
    /// <summary>Throw an <see cref="Volumes.InvalidVolumeException"/> naming the case and both affines.</summary>
    Reject,

    /// <summary>Load the case with the first image's geometry and record the mismatch in its metadata ("warnings").</summary>
    RecordInMetadata,
}
