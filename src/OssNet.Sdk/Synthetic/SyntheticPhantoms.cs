// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Synthetic.Generation;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic;

/// <summary>
/// Generates the SDK's built-in synthetic data: BraTS-like brain tumour MRI and LiTS-like liver CT phantoms, seeded and
/// bit-reproducible. See docs/synthetic-data.md for what they contain.
/// </summary>
public static class SyntheticPhantoms
{
    /// <summary>Gets the channel names of <see cref="PhantomKind.BrainTumour"/> phantoms, in order (the BraTS order).</summary>
    public static IReadOnlyList<string> BrainTumourChannels { get; } = ["FLAIR", "T1", "T1ce", "T2"];

    /// <summary>Returns the identifier of case <paramref name="index"/>: "phantom-000", "phantom-001", …</summary>
    public static string CaseId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return "phantom-" + index.ToString("D3", CultureInfo.InvariantCulture);
    }

    /// <summary>Generates case <paramref name="index"/> for <paramref name="options"/> (image, label and metadata).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static VolumeCase Generate(SyntheticPhantomOptions options, int index = 0) => GenerateDetailed(options, index).Case;

    /// <summary>Generates case <paramref name="index"/> with its ground truth (tissue map and lesion list).</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static SyntheticPhantom GenerateDetailed(SyntheticPhantomOptions options, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        options.Validate();
        var id = CaseId(index);
        return options.Kind == PhantomKind.BrainTumour
            ? BrainPhantomGenerator.Generate(options, index, id)
            : AbdomenPhantomGenerator.Generate(options, index, id);
    }

    /// <summary>The metadata every phantom case carries.</summary>
    internal static Dictionary<string, string> Metadata(SyntheticPhantomOptions options, int index, int lesions, string channels, string labels) => new()
    {
        ["source"] = "synthetic",
        ["kind"] = options.Kind.ToString(),
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        ["index"] = index.ToString(CultureInfo.InvariantCulture),
        ["lesions"] = lesions.ToString(CultureInfo.InvariantCulture),
        ["channels"] = channels,
        ["labels"] = labels,
    };
}
