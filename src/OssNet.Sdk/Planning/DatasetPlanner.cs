// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Planning;

/// <summary>
/// Derives a <see cref="DatasetPlan"/> from a dataset's training cases, as nnU-Net's fingerprint extraction and experiment
/// planner do: canonical orientation, body crop, target spacing, model grid within a memory budget, per-channel
/// normalisation by modality, and the label set. See docs/guides/planning.md for every rule.
/// </summary>
/// <example>
/// <code>
/// var source = await new VolumeSourceFactory().OpenAsync("Task01_BrainTumour");
/// DatasetPlan plan = await DatasetPlanner.PlanAsync(source);
/// Console.WriteLine(plan.Describe());
/// var prepared = plan.CreatePipeline().Apply(await source.LoadAsync(source.CaseIds[0]));  // prepared.Case is on plan.GridShape
/// </code>
/// </example>
public static class DatasetPlanner
{
    /// <summary>Values at or below this in a channel's 0.5th percentile mean Hounsfield units (air is −1000 HU; MRI is never this negative).</summary>
    private const double HounsfieldAirThreshold = -500;

    /// <summary>
    /// Reads every case of <paramref name="source"/> (headers first when the source is file-based, then the voxels one case at
    /// a time) and plans the preprocessing.
    /// </summary>
    /// <param name="source">The training cases (with labels where available).</param>
    /// <param name="options">Overrides and limits; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The plan; its <see cref="DatasetPlan.CreatePipeline"/> brings any case onto its grid.</returns>
    /// <exception cref="InvalidVolumeException">The source holds no case, a file is malformed, or the cases disagree on their channel count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static async Task<DatasetPlan> PlanAsync(IVolumeSource source, DatasetPlannerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new DatasetPlannerOptions();
        options.Validate();
        if (source.CaseIds.Count == 0)
        {
            throw new InvalidVolumeException(source.Name, "holds no case to plan from");
        }

        var description = (source as IDescribedVolumeSource)?.Description ?? DatasetDescription.Empty;
        var channelCount = await CheckHeadersAsync(source, cancellationToken).ConfigureAwait(false);

        var reorient = new ReorientToCanonical();
        var crop = new CropToForeground(options.CropMarginVoxels);
        var cases = new List<CaseFingerprint>(source.CaseIds.Count);
        IntensitySamples[]? foreground = null;
        IntensitySamples[]? image = null;
        var labelValues = new bool[256];
        var labelled = 0;
        foreach (var id in source.CaseIds)
        {
            var loaded = await source.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            channelCount ??= loaded.Image.Channels;
            if (loaded.Image.Channels != channelCount)
            {
                throw new InvalidVolumeException(id, $"case '{id}' has {loaded.Image.Channels} channel(s), case '{source.CaseIds[0]}' has {channelCount}: every case must have the same channels");
            }

            var canonical = reorient.Apply(loaded).Case.Image;
            cases.Add(new CaseFingerprint(id, loaded.Image.Geometry.OrientationCode, canonical.Shape, canonical.Geometry.Spacing, crop.CroppedShapeOf(canonical)));
            foreground ??= [.. Enumerable.Range(0, loaded.Image.Channels).Select(_ => new IntensitySamples(options.IntensitySamplesPerCase))];
            image ??= [.. Enumerable.Range(0, loaded.Image.Channels).Select(_ => new IntensitySamples(options.IntensitySamplesPerCase))];
            labelled += Measure(loaded, foreground, image, labelValues) ? 1 : 0;
        }

        var (spacing, rule) = options.TargetSpacing is { } given
            ? (given, "given (DatasetPlannerOptions.TargetSpacing)")
            : GridPlanning.TargetSpacing(cases, options.AnisotropyThreshold);
        var mayCoarsen = options.TargetSpacing is null || options.GridShape is null;
        var (grid, planned, finalSpacing, coarsening) = GridPlanning.Grid(
            cases, spacing, options.ExtentPercentile, options.GridMultiple, options.MaxGridVoxels, options.GridShape, mayCoarsen);
        var notes = new List<string>();
        if (coarsening > 1)
        {
            rule += string.Create(CultureInfo.InvariantCulture, $", then coarsened ×{coarsening:0.###} on every axis so the grid fits {(options.GridShape is null ? $"the budget of {options.MaxGridVoxels:N0} voxels" : $"the given grid {grid}")}");
        }

        var atTarget = GridPlanning.ShapesAt(cases, finalSpacing);
        var shrunk = atTarget.Count(s => s.X > grid.X || s.Y > grid.Y || s.Z > grid.Z);
        if (shrunk > 0)
        {
            notes.Add($"{shrunk} of {cases.Count} case(s) are larger than the grid at the target spacing and will be resampled down to fit (never cropped).");
        }

        var channels = PlanChannels(channelCount!.Value, description, options, foreground!, image!, notes);
        var (labels, labelSource) = PlanLabels(description, labelValues, labelled, options.MaxLabelValues);
        var fingerprint = new DatasetFingerprint(
            cases.Count,
            cases,
            (Median(cases, c => c.Spacing.X), Median(cases, c => c.Spacing.Y), Median(cases, c => c.Spacing.Z)),
            GridPlanning.PercentileShape(atTarget, 50),
            [.. channels.Select((c, i) => new ChannelFingerprint(c.Name, foreground![i].Summarize(), image![i].Summarize()!))],
            [.. Enumerable.Range(0, 256).Where(v => labelValues[v])]);

        return new DatasetPlan
        {
            DatasetName = description.Name ?? source.Name,
            Fingerprint = fingerprint,
            CropMarginVoxels = options.CropMarginVoxels,
            TargetSpacing = finalSpacing,
            SpacingRule = rule,
            SpacingCoarsening = coarsening,
            PlannedShape = planned,
            ExtentPercentile = options.ExtentPercentile,
            GridMultiple = options.GridMultiple,
            MaxGridVoxels = options.MaxGridVoxels,
            GridShape = grid,
            Labels = labels,
            LabelSource = labelSource,
            Channels = channels,
            Notes = notes,
        };
    }

    /// <summary>Reads the headers of a file-based source's images and returns their common channel count (null for other sources).</summary>
    private static async Task<int?> CheckHeadersAsync(IVolumeSource source, CancellationToken cancellationToken)
    {
        Func<string, VolumeFileCase>? files = source switch
        {
            MsdVolumeSource msd => msd.GetFiles,
            FileListVolumeSource list => list.GetFiles,
            BratsVolumeSource brats => brats.GetFiles,
            _ => null,
        };
        if (files is null)
        {
            return null;
        }

        int? expected = null;
        foreach (var id in source.CaseIds)
        {
            var channels = 0;
            var paths = files(id).ImagePaths;
            foreach (var path in paths)
            {
                channels += (await VolumeFile.ReadInfoAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Channels;
            }

            expected ??= channels;
            if (channels != expected)
            {
                throw new InvalidVolumeException(paths[0], $"case '{id}' has {channels} channel(s), case '{source.CaseIds[0]}' has {expected}: every case must have the same channels");
            }
        }

        return expected;
    }

    /// <summary>Samples one case's intensities and label values; returns whether it has a label.</summary>
    private static bool Measure(VolumeCase loaded, IntensitySamples[] foreground, IntensitySamples[] image, bool[] labelValues)
    {
        var n = (int)loaded.Image.Shape.VoxelCount;
        var label = loaded.Label?.Labels;
        var labelHasForeground = false;
        if (label is { } l)
        {
            foreach (var value in l.Span)
            {
                labelValues[value] = true;
                labelHasForeground |= value != 0;
            }
        }

        for (var c = 0; c < loaded.Image.Channels; c++)
        {
            var channel = loaded.Image.Voxels.Slice(c * n, n);
            image[c].Add(channel.Span);

            // nnU-Net measures CT statistics on the labelled voxels; without labels the body (non-zero voxels) stands in.
            if (labelHasForeground)
            {
                var labels = label!.Value;
                foreground[c].Add(channel.Span, i => labels.Span[i] != 0);
            }
            else
            {
                var values = channel;
                foreground[c].Add(channel.Span, i => values.Span[i] != 0);
            }
        }

        return label is not null;
    }

    private static List<ChannelPlan> PlanChannels(
        int count, DatasetDescription description, DatasetPlannerOptions options, IntensitySamples[] foreground, IntensitySamples[] image, List<string> notes)
    {
        var plans = new List<ChannelPlan>(count);
        for (var c = 0; c < count; c++)
        {
            var name = c < description.ChannelNames.Count ? description.ChannelNames[c] : string.Create(CultureInfo.InvariantCulture, $"channel {c}");
            var imageStats = image[c].Summarize()!;
            var modality = options.Modality ?? description.ModalityOf(c);
            if (options.Modality is null && modality == ImageModality.Unknown && imageStats.LowPercentile <= HounsfieldAirThreshold)
            {
                modality = ImageModality.Ct;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Channel {c} ('{name}') is read as CT: its 0.5th percentile is {imageStats.LowPercentile:0.#}, below {HounsfieldAirThreshold} (Hounsfield units of air)."));
            }

            if (modality != ImageModality.Ct)
            {
                plans.Add(new ChannelPlan(name, modality, ChannelNormalization.ForegroundZScore));
                continue;
            }

            var stats = foreground[c].Summarize() ?? imageStats;
            var std = stats.StandardDeviation > 0 ? stats.StandardDeviation : 1;
            plans.Add(new ChannelPlan(name, modality, ChannelNormalization.Clipped(stats.LowPercentile, stats.HighPercentile, stats.Mean, std)));
        }

        return plans;
    }

    private static (LabelSet? Labels, string Source) PlanLabels(DatasetDescription description, bool[] values, int labelled, int maxValues)
    {
        if (description.Labels is { } named)
        {
            return (named, "as dataset.json lists them");
        }

        if (labelled == 0)
        {
            return (null, "the dataset has no label files");
        }

        var found = Enumerable.Range(0, 256).Where(v => values[v]).ToList();
        var listed = string.Join(", ", found.Take(8)) + (found.Count > 8 ? ", …" : string.Empty);
        if (!found.Any(v => v != 0))
        {
            return (LabelSet.Binary(), "the label files hold only 0 (no foreground); planned as a binary mask");
        }

        if (found.Count <= maxValues)
        {
            return (LabelSet.FromValues(found), $"from the label files: {found.Count} distinct values ({listed}), read as a label map");
        }

        return (LabelSet.Binary(), $"from the label files: {found.Count} distinct values ({listed}), more than {maxValues}, so they are read as a mask: every non-zero value is foreground");
    }

    private static double Median(List<CaseFingerprint> cases, Func<CaseFingerprint, double> value) => Percentiles.Of(cases.Select(value), 50);
}
