// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>A dataset of cases already in memory (synthetic phantoms, tests, data produced by another pipeline).</summary>
public sealed class InMemoryVolumeSource : VolumeSourceBase
{
    private readonly Dictionary<string, VolumeCase> _cases;

    /// <summary>Initializes a new source over <paramref name="cases"/> (kept by reference).</summary>
    /// <exception cref="ArgumentException">Two cases share an identifier.</exception>
    public InMemoryVolumeSource(string name, IEnumerable<VolumeCase> cases)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cases);
        Name = name;
        _cases = new Dictionary<string, VolumeCase>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var c in cases)
        {
            ArgumentNullException.ThrowIfNull(c);
            if (!_cases.TryAdd(c.Id, c))
            {
                throw new ArgumentException($"Two cases have the identifier '{c.Id}'.", nameof(cases));
            }

            ids.Add(c.Id);
        }

        CaseIds = ids;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> CaseIds { get; }

    /// <inheritdoc />
    public override ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _cases.TryGetValue(caseId, out var c)
            ? ValueTask.FromResult(c)
            : throw new KeyNotFoundException($"{Name} has no case '{caseId}'.");
    }
}
