// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>Splits a source into training and validation cases without reading any voxel: a seeded shuffle of the case ids.</summary>
public static class VolumeSourceSplit
{
    /// <summary>Holds out <paramref name="validationFraction"/> of the cases (rounded, at least one when the fraction is
    /// positive) for validation; the rest train. The split depends only on the case ids and the seed.</summary>
    /// <param name="source">The labelled cases.</param>
    /// <param name="validationFraction">The share held out, in [0, 1).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>The training cases and the validation cases (null when nothing is held out).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">Holding out would leave no training case.</exception>
    public static (IVolumeSource Training, IVolumeSource? Validation) Split(IVolumeSource source, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (validationFraction is < 0 or >= 1 || double.IsNaN(validationFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation share must be in [0, 1).");
        }

        var ids = source.CaseIds;
        var held = validationFraction == 0 ? 0 : Math.Max(1, (int)Math.Round(ids.Count * validationFraction));
        if (held == 0)
        {
            return (source, null);
        }

        if (held >= ids.Count)
        {
            throw new ArgumentException(
                $"'{source.Name}' has {ids.Count} case(s): holding out {validationFraction:P0} for validation would leave none to train on.", nameof(validationFraction));
        }

        var order = ids.ToArray();
        new Random(unchecked((int)SeedMixer.FromSeed(seed))).Shuffle(order);
        var validation = order.Take(held).ToHashSet(StringComparer.Ordinal);
        return (
            new SubsetVolumeSource(source, [.. ids.Where(id => !validation.Contains(id))], "training"),
            new SubsetVolumeSource(source, [.. ids.Where(validation.Contains)], "validation"));
    }

    private sealed class SubsetVolumeSource(IVolumeSource inner, IReadOnlyList<string> caseIds, string part) : VolumeSourceBase
    {
        public override string Name => $"{inner.Name} ({part})";

        public override IReadOnlyList<string> CaseIds => caseIds;

        public override ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default) =>
            caseIds.Contains(caseId, StringComparer.Ordinal)
                ? inner.LoadAsync(caseId, cancellationToken)
                : throw new KeyNotFoundException($"'{caseId}' is not a {part} case of '{inner.Name}'.");
    }
}
