// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>Shared behaviour of the SDK's sources: <see cref="ReadAllAsync"/> loads the cases one at a time, in <see cref="CaseIds"/> order.</summary>
public abstract class VolumeSourceBase : IVolumeSource
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<string> CaseIds { get; }

    /// <inheritdoc />
    public abstract ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public async IAsyncEnumerable<VolumeCase> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in CaseIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({CaseIds.Count} cases)";
}
