// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OssNet.Sdk.IO;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Planning;

/// <summary>
/// How every case of a dataset is brought onto one model grid, decided from the data by <see cref="DatasetPlanner"/> (what
/// nnU-Net calls the plan): orientation, body crop, target spacing, grid, per-channel normalisation and labels, with the
/// fingerprint they were derived from. Serialises to JSON (<see cref="ToJson"/>) and is what a model file embeds.
/// </summary>
/// <remarks>
/// <para><see cref="CreatePipeline"/> turns the plan into the <see cref="PreprocessingPipeline"/> that takes ANY case
/// (another subject, orientation, spacing, size or data type) to <see cref="GridShape"/>, and whose
/// <see cref="TransformResult.MapLabelsBack"/> brings a prediction back onto that case's own grid and affine.</para>
/// <para>Change a decision with <c>with</c> (e.g. <c>plan with { GridShape = new(96, 96, 96) }</c>); <see cref="Validate"/>
/// checks consistency.</para>
/// </remarks>
public sealed record DatasetPlan
{
    /// <summary>The plan format this SDK writes; files with a higher version are rejected.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The canonical orientation every case is brought to.</summary>
    public const string CanonicalOrientation = "RAS";

    /// <summary>Gets the plan format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Gets the dataset's name, when known.</summary>
    public string? DatasetName { get; init; }

    /// <summary>Gets what was measured on the training cases.</summary>
    public required DatasetFingerprint Fingerprint { get; init; }

    /// <summary>Gets the orientation every case is reoriented to (always RAS).</summary>
    public string Orientation { get; init; } = CanonicalOrientation;

    /// <summary>Gets the voxels kept around the body's non-zero box on every side when cropping.</summary>
    public int CropMarginVoxels { get; init; }

    /// <summary>Gets the voxel spacing (mm, RAS axes) every case is resampled to, after any coarsening to fit the budget.</summary>
    public required (double X, double Y, double Z) TargetSpacing { get; init; }

    /// <summary>Gets how the target spacing was chosen, in words (median, anisotropy rule, given, coarsened).</summary>
    public required string SpacingRule { get; init; }

    /// <summary>Gets the factor the spacing was multiplied by (on all axes) so the grid fits the budget; 1 when none was needed.</summary>
    public double SpacingCoarsening { get; init; } = 1;

    /// <summary>Gets the cropped extent the grid was sized for (voxels at <see cref="TargetSpacing"/>): the <see cref="ExtentPercentile"/> of the cases' extents.</summary>
    public required VolumeShape PlannedShape { get; init; }

    /// <summary>Gets the per-axis percentile of the cases' cropped extents the grid was sized for (100: the largest case).</summary>
    public double ExtentPercentile { get; init; } = 100;

    /// <summary>Gets the multiple every grid extent is rounded up to (the encoder's total downsampling).</summary>
    public int GridMultiple { get; init; } = 32;

    /// <summary>Gets the memory budget the grid had to fit, in voxels.</summary>
    public long MaxGridVoxels { get; init; }

    /// <summary>Gets the model grid every case is brought to.</summary>
    public required VolumeShape GridShape { get; init; }

    /// <summary>Gets the classes, or null when the dataset has no labels.</summary>
    public LabelSet? Labels { get; init; }

    /// <summary>Gets where the labels came from, in words (dataset.json, the label files' values, a collapsed mask).</summary>
    public required string LabelSource { get; init; }

    /// <summary>Gets the plan of each image channel, in channel order.</summary>
    public required IReadOnlyList<ChannelPlan> Channels { get; init; }

    /// <summary>Gets the number of image channels.</summary>
    [JsonIgnore]
    public int ChannelCount => Channels.Count;

    /// <summary>Gets further remarks on the decisions (cases that will be shrunk, modality guesses, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Reads a plan from JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Names the JSON in errors (a file name); default "plan JSON".</param>
    /// <exception cref="InvalidDatasetPlanException">Not JSON, not a plan, a newer format version, or inconsistent values.</exception>
    public static DatasetPlan FromJson(string json, string source = "plan JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        DatasetPlan? plan;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDatasetPlanException(source, "a plan must be a JSON object");
            }

            if (root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number
                && version.TryGetInt32(out var v) && v > CurrentVersion)
            {
                throw new InvalidDatasetPlanException(source, $"plan format version {v} is newer than this SDK reads ({CurrentVersion}); update OssNet.Sdk");
            }

            plan = root.Deserialize<DatasetPlan>(DatasetPlanJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDatasetPlanException(source, $"is not a valid plan: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDatasetPlanException(source, $"is not a valid plan: {e.Message}", e);
        }

        if (plan is null)
        {
            throw new InvalidDatasetPlanException(source, "is not a valid plan: null");
        }

        try
        {
            plan.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDatasetPlanException(source, e.Message, e);
        }

        return plan;
    }

    /// <summary>Reads a plan file.</summary>
    /// <param name="path">The plan file (as written by <see cref="SaveAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidDatasetPlanException">The file is missing, unreadable or not a valid plan; the message names it.</exception>
    public static async Task<DatasetPlan> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidDatasetPlanException(full, "the plan file does not exist");
        }

        string json;
        try
        {
            json = await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDatasetPlanException(full, $"cannot be read: {e.Message}", e);
        }

        return FromJson(json, full);
    }

    /// <summary>Returns the plan as indented JSON (camelCase names; shapes and spacings as <c>[x, y, z]</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DatasetPlanJson.Options);

    /// <summary>Writes the plan to <paramref name="path"/> atomically (a failed write leaves any existing file untouched).</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(ToJson());
        return AtomicFile.WriteAsync(path, (stream, token) => stream.WriteAsync(bytes, token).AsTask(), cancellationToken);
    }

    /// <summary>Throws when the plan is inconsistent.</summary>
    /// <exception cref="ArgumentException">A value is out of range, or the channels, grid or spacing do not fit together; the message says which.</exception>
    public void Validate()
    {
        if (Version < 1)
        {
            throw new ArgumentException($"version must be 1 or more; got {Version}.");
        }

        if (Orientation != CanonicalOrientation)
        {
            throw new ArgumentException($"orientation must be {CanonicalOrientation}; got '{Orientation}'.");
        }

        if (Fingerprint?.Cases is null || Fingerprint.Channels is null || Fingerprint.LabelValues is null
            || Channels is null || Notes is null || SpacingRule is null || LabelSource is null)
        {
            throw new ArgumentException("fingerprint (with cases, channels and labelValues), channels, notes, spacingRule and labelSource are required.");
        }

        var (sx, sy, sz) = TargetSpacing;
        if (!(sx > 0 && sy > 0 && sz > 0 && double.IsFinite(sx + sy + sz)))
        {
            throw new ArgumentException($"targetSpacing must be positive and finite; got ({sx}, {sy}, {sz}).");
        }

        GridShape.Validate();
        if (GridMultiple < 1 || GridShape.X % GridMultiple != 0 || GridShape.Y % GridMultiple != 0 || GridShape.Z % GridMultiple != 0)
        {
            throw new ArgumentException($"gridShape {GridShape} must be a multiple of gridMultiple ({GridMultiple}) on every axis.");
        }

        if (CropMarginVoxels < 0)
        {
            throw new ArgumentException($"cropMarginVoxels must be 0 or more; got {CropMarginVoxels}.");
        }

        if (Channels.Count == 0)
        {
            throw new ArgumentException("channels must list at least one image channel.");
        }

        for (var c = 0; c < Channels.Count; c++)
        {
            var channel = Channels[c] ?? throw new ArgumentException($"channels[{c}] is null.");
            if (channel.Normalization is null || channel.Name is null)
            {
                throw new ArgumentException($"channels[{c}] needs a name and a normalization.");
            }

            channel.Normalization.Validate();
        }

        if (Fingerprint.Channels.Count != Channels.Count)
        {
            throw new ArgumentException($"the fingerprint has {Fingerprint.Channels.Count} channel(s) but the plan {Channels.Count}.");
        }
    }

    /// <summary>
    /// Returns the pipeline that brings any case onto <see cref="GridShape"/>: reorient to RAS → crop to the body → resample
    /// to <see cref="TargetSpacing"/> → normalise each channel → fit to the grid (centre-pad; a larger case is resampled down
    /// to fit, never cropped). Its result maps predictions back onto the input's own grid and affine.
    /// </summary>
    /// <remarks>
    /// <para>A case larger than the grid at the target spacing is shrunk within the same resampling (one interpolation,
    /// <see cref="ResampleToSpacing.MaxShape"/>), so <see cref="FitToGrid"/> only pads.</para>
    /// <para>Normalisation comes before fitting so that the padding is 0 in normalised units (the background of a
    /// foreground z-score), as nnU-Net and the BraTS reference pad after normalising, and so padding never enters the statistics.</para>
    /// </remarks>
    public PreprocessingPipeline CreatePipeline()
    {
        Validate();
        return new PreprocessingPipeline(
            new ReorientToCanonical(),
            new CropToForeground(CropMarginVoxels),
            new ResampleToSpacing(TargetSpacing, maxShape: GridShape),
            new IntensityNormalization(Channels.Select(c => c.Normalization)),
            new FitToGrid(GridShape));
    }

    /// <summary>Says the plan in words, one decision per line (for <c>ossnet plan</c>/<c>ossnet info</c> and logs).</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var f = Fingerprint;
        text.AppendLine(c, $"Plan for {DatasetName ?? "a dataset"}: {f.CaseCount} training case(s), {ChannelCount} channel(s) (plan format {Version}).");
        text.AppendLine(c, $"  Orientation  every case is reoriented to {Orientation} (axis permutations and flips only; stored as {string.Join(", ", f.Cases.Select(x => x.Orientation).Distinct())}).");
        text.AppendLine(c, $"  Crop         to the bounding box of the voxels that are non-zero in any channel, plus {CropMarginVoxels} voxel(s) on every side.");
        text.AppendLine(c, $"  Spacing      {Mm(TargetSpacing)} — {SpacingRule} (median of the cases: {Mm(f.MedianSpacing)}).");
        text.AppendLine(c, $"  Extent       cropped cases at the target spacing: median {f.MedianCroppedShape}, grid sized for {PlannedShape} ({Percentile(ExtentPercentile)}).");
        text.AppendLine(c, $"  Grid         {GridShape} = {GridShape.VoxelCount:N0} voxels (multiples of {GridMultiple}; budget {MaxGridVoxels:N0} voxels){(SpacingCoarsening > 1 ? string.Create(c, $"; spacing coarsened ×{SpacingCoarsening:0.###} to fit") : string.Empty)}.");
        text.AppendLine(c, $"               cases that fit are zero-padded (centred); a larger case is resampled down to fit, never cropped.");
        for (var i = 0; i < Channels.Count; i++)
        {
            var ch = Channels[i];
            text.AppendLine(c, $"  Channel {i}    {ch.Name} ({ch.Modality}): {ch.Normalization.Describe()}.");
        }

        text.AppendLine(c, $"  Labels       {Labels?.Describe() ?? "none"} — {LabelSource}.");
        foreach (var note in Notes)
        {
            text.AppendLine(c, $"  Note         {note}");
        }

        return text.ToString();
    }

    private static string Mm((double X, double Y, double Z) s) => string.Create(CultureInfo.InvariantCulture, $"{s.X:0.###} × {s.Y:0.###} × {s.Z:0.###} mm");

    private static string Percentile(double p) => p switch
    {
        100 => "the largest case per axis",
        50 => "the median case per axis",
        _ => string.Create(CultureInfo.InvariantCulture, $"the {p:0.#}th percentile per axis"),
    };
}
