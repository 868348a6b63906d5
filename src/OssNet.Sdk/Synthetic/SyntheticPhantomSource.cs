// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.CompilerServices;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic;

/// <summary>
/// A dataset of <see cref="Count"/> synthetic phantoms: case i ("phantom-00i") is generated from (Seed, i) when it is
/// loaded, so listing the source costs nothing and the same case always has the same voxels.
/// </summary>
/// <remarks>
/// Generation is CPU work (about 0.1–0.3 s for 128×128×80 on two cores) and runs on the calling thread inside
/// <see cref="LoadAsync"/>; wrap the call in <c>Task.Run</c> to keep a UI thread free. The source is thread-safe.
/// </remarks>
public sealed class SyntheticPhantomSource : IVolumeSource
{
    private readonly SyntheticPhantomOptions _options;
    private readonly string[] _caseIds;

    /// <summary>Initializes a source of <paramref name="count"/> cases.</summary>
    /// <param name="options">Phantom options; copied, so later changes do not affect the source.</param>
    /// <param name="count">Number of cases; at least 1.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public SyntheticPhantomSource(SyntheticPhantomOptions options, int count)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _options = options.Clone();
        _options.Validate();
        Count = count;
        _caseIds = new string[count];
        for (var i = 0; i < count; i++)
        {
            _caseIds[i] = SyntheticPhantoms.CaseId(i);
        }
    }

    /// <summary>Gets the number of cases.</summary>
    public int Count { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"synthetic {_options.Kind} phantoms (seed {_options.Seed}, {_options.Shape}, {Count} cases)");

    /// <inheritdoc />
    public IReadOnlyList<string> CaseIds => _caseIds;

    /// <inheritdoc />
    public ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        cancellationToken.ThrowIfCancellationRequested();
        var index = Array.IndexOf(_caseIds, caseId);
        if (index < 0)
        {
            throw new KeyNotFoundException($"{Name} has no case '{caseId}'; ids run from {_caseIds[0]} to {_caseIds[^1]}.");
        }

        return ValueTask.FromResult(SyntheticPhantoms.Generate(_options, index));
    }

    /// <summary>Generates case <paramref name="index"/> with its ground truth (tissue map and lesion list).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, <see cref="Count"/>).</exception>
    public SyntheticPhantom LoadDetailed(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return SyntheticPhantoms.GenerateDetailed(_options, index);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<VolumeCase> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in _caseIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }
}
