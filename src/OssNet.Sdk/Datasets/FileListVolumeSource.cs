// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>A dataset given as an explicit list of cases, each a set of image files and an optional label file.</summary>
/// <remarks>Nothing is read until <see cref="LoadAsync"/>; image files of one case must share a grid and their channels are concatenated in order.
/// Its <see cref="Description"/> has the first case's channel names and no labels (a list does not name its classes).</remarks>
public sealed class FileListVolumeSource : VolumeSourceBase, IDescribedVolumeSource
{
    private readonly Dictionary<string, VolumeFileCase> _cases;
    private readonly VolumeReadOptions _options;

    /// <summary>Initializes a new source over <paramref name="cases"/>.</summary>
    /// <param name="name">A name for the source.</param>
    /// <param name="cases">The cases, in the order to list them.</param>
    /// <param name="options">Read limits and checks; <see cref="VolumeReadOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Two cases share an identifier, or a case lists no image.</exception>
    public FileListVolumeSource(string name, IEnumerable<VolumeFileCase> cases, VolumeReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(cases);
        Name = name;
        _options = options ?? VolumeReadOptions.Default;
        _cases = new Dictionary<string, VolumeFileCase>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var c in cases)
        {
            ArgumentNullException.ThrowIfNull(c);
            if (c.ImagePaths.Count == 0)
            {
                throw new ArgumentException($"Case '{c.Id}' lists no image file.", nameof(cases));
            }

            if (!_cases.TryAdd(c.Id, c))
            {
                throw new ArgumentException($"Two cases have the identifier '{c.Id}'.", nameof(cases));
            }

            ids.Add(c.Id);
        }

        CaseIds = ids;
        Description = new DatasetDescription(null, ids.Count > 0 ? _cases[ids[0]].ChannelNames : [], null);
    }

    /// <inheritdoc />
    public DatasetDescription Description { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> CaseIds { get; }

    /// <summary>Gets the files of a case (without reading them).</summary>
    /// <exception cref="KeyNotFoundException">No case has that identifier.</exception>
    public VolumeFileCase GetFiles(string caseId) =>
        _cases.TryGetValue(caseId, out var files) ? files : throw new KeyNotFoundException($"{Name} has no case '{caseId}'.");

    /// <inheritdoc />
    public override ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default) =>
        VolumeCaseLoader.LoadAsync(Name, GetFiles(caseId), _options, cancellationToken);
}
