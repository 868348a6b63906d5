// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>A dataset of cases that load lazily, one at a time.</summary>
/// <remarks>
/// Implementations list their cases cheaply (<see cref="CaseIds"/>) and read voxels only in
/// <see cref="LoadAsync"/>, so a 300-case dataset never sits in memory at once.
/// </remarks>
public interface IVolumeSource
{
    /// <summary>Gets a human-readable name of the source (e.g. its root folder).</summary>
    string Name { get; }

    /// <summary>Gets the case identifiers in a stable order.</summary>
    IReadOnlyList<string> CaseIds { get; }

    /// <summary>Loads one case.</summary>
    /// <exception cref="KeyNotFoundException">No case has that identifier.</exception>
    /// <exception cref="InvalidVolumeException">A file of the case is malformed.</exception>
    ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default);

    /// <summary>Loads the cases one after the other, in <see cref="CaseIds"/> order.</summary>
    IAsyncEnumerable<VolumeCase> ReadAllAsync(CancellationToken cancellationToken = default);
}
