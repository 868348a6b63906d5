// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace OssNet.Sdk.Volumes;

/// <summary>One class of a <see cref="LabelSet"/>: the value it has in label files and its name.</summary>
/// <param name="Value">The voxel value in label files (0 is background).</param>
/// <param name="Name">A human-readable name ("background", "brain", "white matter").</param>
public sealed record LabelDefinition(byte Value, string Name);

/// <summary>
/// The classes a model segments, in class-index order: class 0 is background (value 0), classes 1..N−1 are the foreground
/// labels. Maps label files (any values, e.g. 0/4/5/6) to class indices (0..N−1) for training and metrics, and class
/// indices back to label values for the masks that are written.
/// </summary>
/// <remarks>
/// <para>Binary sets (two classes) may <see cref="CollapseForeground"/>: every non-zero value then counts as class 1, which is
/// how a brain mask stored as a skull-stripped image (values 0..255) or a tumour label map is read as "whole brain" or
/// "whole tumour".</para>
/// <para>Without collapsing, a value that is not in the set is an error (<see cref="InvalidVolumeException"/>): a label map
/// with an unexpected class is not silently merged into background.</para>
/// </remarks>
public sealed class LabelSet
{
    private readonly short[] _classOfValue = new short[256];

    /// <summary>Initializes a label set.</summary>
    /// <param name="labels">The classes in class-index order; the first must have value 0 (background). Values and names are unique.</param>
    /// <param name="collapseForeground">Whether every non-zero value counts as class 1 (binary sets only).</param>
    /// <exception cref="ArgumentException">Fewer than two classes, a first class that is not value 0, repeated values or names,
    /// an empty name, or collapsing with more than two classes.</exception>
    [JsonConstructor]
    public LabelSet(IReadOnlyList<LabelDefinition> labels, bool collapseForeground = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2)
        {
            throw new ArgumentException($"A label set needs background and at least one class; got {labels.Count} label(s).", nameof(labels));
        }

        if (labels[0].Value != 0)
        {
            throw new ArgumentException($"Class 0 must be the background (value 0); got value {labels[0].Value} ('{labels[0].Name}').", nameof(labels));
        }

        if (collapseForeground && labels.Count != 2)
        {
            throw new ArgumentException($"Only a binary label set can collapse every non-zero value into one class; this one has {labels.Count} classes.", nameof(collapseForeground));
        }

        Array.Fill(_classOfValue, (short)-1);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i] ?? throw new ArgumentException($"Label {i} is null.", nameof(labels));
            if (string.IsNullOrWhiteSpace(label.Name))
            {
                throw new ArgumentException($"Label value {label.Value} has no name.", nameof(labels));
            }

            if (_classOfValue[label.Value] >= 0)
            {
                throw new ArgumentException($"Label value {label.Value} appears twice.", nameof(labels));
            }

            if (!names.Add(label.Name))
            {
                throw new ArgumentException($"Label name '{label.Name}' appears twice.", nameof(labels));
            }

            _classOfValue[label.Value] = (short)i;
        }

        Labels = [.. labels];
        CollapseForeground = collapseForeground;
    }

    /// <summary>Gets the classes in class-index order (index 0: background).</summary>
    [JsonInclude]
    public IReadOnlyList<LabelDefinition> Labels { get; }

    /// <summary>Gets a value indicating whether every non-zero value counts as class 1 (binary sets only).</summary>
    [JsonInclude] // get-only: serializers that skip read-only properties must still write it
    public bool CollapseForeground { get; }

    /// <summary>Gets the number of classes, background included (2 for a binary segmentation).</summary>
    [JsonIgnore]
    public int Count => Labels.Count;

    /// <summary>Gets a value indicating whether the set has exactly one foreground class.</summary>
    [JsonIgnore]
    public bool IsBinary => Labels.Count == 2;

    /// <summary>Returns a binary set: background (0) and one class (value 1) that every non-zero value collapses into.</summary>
    /// <param name="foregroundName">The name of the foreground class.</param>
    public static LabelSet Binary(string foregroundName = "foreground") =>
        new([new LabelDefinition(0, "background"), new LabelDefinition(1, foregroundName)], collapseForeground: true);

    /// <summary>Returns a set of the given values (0 added first when missing), named "label N".</summary>
    /// <param name="values">The label values found in the data.</param>
    public static LabelSet FromValues(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var distinct = values.Append(0).Distinct().Order().ToList();
        foreach (var v in distinct.Where(v => v is < 0 or > 255))
        {
            throw new ArgumentException($"Label value {v} is outside 0..255.", nameof(values));
        }

        return new LabelSet([.. distinct.Select(v => new LabelDefinition((byte)v, v == 0 ? "background" : $"label {v}"))]);
    }

    /// <summary>Returns the class index of a label value, or −1 when the value is not in the set.</summary>
    public int ClassOf(byte value) => CollapseForeground ? (value == 0 ? 0 : 1) : _classOfValue[value];

    /// <summary>Returns the name of class <paramref name="classIndex"/>.</summary>
    public string NameOf(int classIndex) => Labels[classIndex].Name;

    /// <summary>Maps a label file's values to class indices 0..<see cref="Count"/>−1.</summary>
    /// <param name="labels">Labels with the values of this set.</param>
    /// <param name="source">Names the file or case in an error.</param>
    /// <returns>A new label volume on the same geometry.</returns>
    /// <exception cref="InvalidVolumeException">A voxel holds a value that is not in the set (and the set does not collapse).</exception>
    public LabelVolume ToClassIndices(LabelVolume labels, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var values = labels.Labels.Span;
        var classes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = ClassOf(values[i]);
            if (c < 0)
            {
                throw new InvalidVolumeException(
                    source ?? "label volume",
                    $"holds label value {values[i]}, which is not one of the model's labels ({Describe()}).");
            }

            classes[i] = (byte)c;
        }

        return new LabelVolume(labels.Geometry, classes);
    }

    /// <summary>Maps class indices (a prediction) back to this set's label values.</summary>
    /// <param name="classIndices">Class indices 0..<see cref="Count"/>−1.</param>
    /// <returns>A new label volume on the same geometry.</returns>
    /// <exception cref="ArgumentException">A voxel holds an index of no class.</exception>
    public LabelVolume ToLabelValues(LabelVolume classIndices)
    {
        ArgumentNullException.ThrowIfNull(classIndices);
        var indices = classIndices.Labels.Span;
        var values = new byte[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            if (indices[i] >= Labels.Count)
            {
                throw new ArgumentException($"Class index {indices[i]} is not below the class count {Labels.Count}.", nameof(classIndices));
            }

            values[i] = Labels[indices[i]].Value;
        }

        return new LabelVolume(classIndices.Geometry, values);
    }

    /// <summary>Describes the set in words, e.g. <c>0 background, 1 brain (every non-zero value)</c>.</summary>
    public string Describe() =>
        string.Join(", ", Labels.Select(l => $"{l.Value} {l.Name}")) + (CollapseForeground ? " (every non-zero value)" : string.Empty);

    /// <inheritdoc />
    public override string ToString() => Describe();
}
