// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>
/// What a dataset says about itself: its name, the names of its image channels and its label set (from
/// <c>dataset.json</c>'s <c>modality</c>/<c>channel_names</c> and <c>labels</c>).
/// </summary>
/// <param name="Name">The dataset's name, or null.</param>
/// <param name="ChannelNames">The image channels' names in channel order ("T1", "FLAIR", "CT"); empty when not given.</param>
/// <param name="Labels">The classes, or null when the dataset does not name them (the planner then reads the label files).</param>
public sealed record DatasetDescription(string? Name, IReadOnlyList<string> ChannelNames, LabelSet? Labels)
{
    private static readonly string[] s_mriNames =
        ["MR", "MRI", "T1", "T1W", "T1GD", "T1CE", "T1C", "T2", "T2W", "FLAIR", "ADC", "DWI", "PD", "SWI", "NONT1W", "T2STAR"];

    /// <summary>Gets a description that says nothing (no name, no channel names, no labels).</summary>
    public static DatasetDescription Empty { get; } = new(null, [], null);

    /// <summary>Returns the modality a channel name stands for: "CT" → CT; MRI contrasts (T1, T1w, T2, FLAIR, ADC, …) → MRI; else unknown.</summary>
    /// <param name="channelName">A channel name as dataset.json gives it (case and separators ignored).</param>
    public static ImageModality ModalityOf(string? channelName)
    {
        if (string.IsNullOrWhiteSpace(channelName))
        {
            return ImageModality.Unknown;
        }

        var key = new string([.. channelName.Where(char.IsLetterOrDigit)]).ToUpperInvariant();
        return key switch
        {
            "CT" or "CTA" or "CECT" or "NCCT" => ImageModality.Ct,
            _ when s_mriNames.Contains(key) || key.StartsWith("MR", StringComparison.Ordinal) => ImageModality.Mri,
            _ => ImageModality.Unknown,
        };
    }

    /// <summary>Returns the modality of channel <paramref name="channel"/> from its name, or unknown when it has none.</summary>
    public ImageModality ModalityOf(int channel) =>
        channel >= 0 && channel < ChannelNames.Count ? ModalityOf(ChannelNames[channel]) : ImageModality.Unknown;
}
