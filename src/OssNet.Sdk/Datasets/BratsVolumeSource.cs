// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>The BraTS 2020 folder layout: <c>&lt;root&gt;/&lt;case&gt;/&lt;case&gt;_{flair,t1,t1ce,t2,seg}.nii.gz</c>.</summary>
/// <remarks>
/// <para>Channels are FLAIR, T1, T1ce, T2 (the order of the OSS-Net paper). Cases are the sub-folders that contain at
/// least one <c>&lt;case&gt;_*.nii[.gz]</c> file, sorted ordinally. A case without <c>_seg</c> loads unlabelled (the
/// validation set) unless labels are required. Each file may be .nii.gz or .nii, but not both. Labels are kept as
/// stored (BraTS: 0, 1, 2, 4). Voxels are read only by <see cref="LoadAsync"/>.</para>
/// <para><see cref="Description"/> names the channels and the BraTS 2020 classes.</para>
/// </remarks>
public sealed class BratsVolumeSource : VolumeSourceBase, IDescribedVolumeSource
{
    /// <summary>The modality suffixes in channel order.</summary>
    public static readonly IReadOnlyList<string> Modalities = ["flair", "t1", "t1ce", "t2"];

    private static readonly string[] s_channelNames = ["FLAIR", "T1", "T1ce", "T2"];

    /// <summary>The BraTS 2020 classes as the challenge names them (labels 0, 1, 2, 4).</summary>
    private static readonly LabelSet s_labels = new(
    [
        new LabelDefinition(0, "background"),
        new LabelDefinition(1, "necrotic and non-enhancing tumour core"),
        new LabelDefinition(2, "peritumoral edema"),
        new LabelDefinition(4, "GD-enhancing tumour"),
    ]);
    private readonly VolumeReadOptions _options;
    private readonly bool _requireLabels;

    /// <summary>Lists the cases under <paramref name="root"/> (no image is read).</summary>
    /// <param name="root">The folder with one sub-folder per case (e.g. MICCAI_BraTS2020_TrainingData).</param>
    /// <param name="options">Read limits and checks; <see cref="VolumeReadOptions.Default"/> when null.</param>
    /// <param name="requireLabels">True to fail a case whose <c>_seg</c> file is missing instead of loading it unlabelled.</param>
    /// <exception cref="DirectoryNotFoundException">The root folder does not exist.</exception>
    public BratsVolumeSource(string root, VolumeReadOptions? options = null, bool requireLabels = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
        {
            throw new DirectoryNotFoundException($"The BraTS folder {Root} does not exist.");
        }

        _options = options ?? VolumeReadOptions.Default;
        _requireLabels = requireLabels;
        CaseIds = [.. Directory.EnumerateDirectories(Root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(id => Directory.EnumerateFiles(Path.Combine(Root, id), id + "_*.nii*").Any())
            .Order(StringComparer.Ordinal)];
        Name = $"BraTS ({Root})";
    }

    /// <summary>Gets the dataset folder.</summary>
    public string Root { get; }

    /// <summary>Gets the channel names (FLAIR, T1, T1ce, T2) and the BraTS 2020 label set (0, 1, 2, 4).</summary>
    public DatasetDescription Description { get; } = new("BraTS 2020", s_channelNames, s_labels);

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> CaseIds { get; }

    /// <summary>Finds the files of a case: four modalities in channel order and the segmentation, if present.</summary>
    /// <exception cref="KeyNotFoundException">No case has that identifier.</exception>
    /// <exception cref="InvalidVolumeException">A modality (or a required segmentation) is missing, or a file exists both as .nii and .nii.gz.</exception>
    public VolumeFileCase GetFiles(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        if (!CaseIds.Contains(caseId, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException($"{Name} has no case '{caseId}'.");
        }

        var folder = Path.Combine(Root, caseId);
        var images = Modalities.Select(m => Find(folder, caseId, m) ?? throw new InvalidVolumeException(folder,
            $"case '{caseId}': {caseId}_{m}.nii.gz (or .nii) is missing")).ToArray();
        var seg = Find(folder, caseId, "seg");
        if (seg is null && _requireLabels)
        {
            throw new InvalidVolumeException(folder, $"case '{caseId}': {caseId}_seg.nii.gz (or .nii) is missing and labels are required");
        }

        return new VolumeFileCase(caseId, images, seg) { ChannelNames = s_channelNames };
    }

    /// <inheritdoc />
    public override ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default) =>
        VolumeCaseLoader.LoadAsync(Name, GetFiles(caseId), _options, cancellationToken);

    private static string? Find(string folder, string caseId, string suffix)
    {
        var gz = Path.Combine(folder, $"{caseId}_{suffix}.nii.gz");
        var plain = Path.Combine(folder, $"{caseId}_{suffix}.nii");
        return (File.Exists(gz), File.Exists(plain)) switch
        {
            (true, true) => throw new InvalidVolumeException(folder, $"case '{caseId}': both {Path.GetFileName(gz)} and {Path.GetFileName(plain)} exist"),
            (true, false) => gz,
            (false, true) => plain,
            _ => null,
        };
    }
}
