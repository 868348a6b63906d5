// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// The spatial inverse of a whole pipeline: the steps of its transforms in application order. Mapping back applies the
/// inverse of each step from the last to the first, so a prediction on the final grid lands on the ORIGINAL grid and affine.
/// </summary>
/// <remarks>Identity steps are skipped. Consecutive steps must connect (each step's source shape is the previous step's target shape).</remarks>
public sealed class GeometryChain : GeometryStep
{
    private readonly GeometryStep[] _steps;

    /// <summary>Initializes a chain that starts on <paramref name="original"/> and applies <paramref name="steps"/> in order.</summary>
    /// <exception cref="ArgumentException">Two consecutive steps do not connect.</exception>
    public GeometryChain(VolumeGeometry original, IEnumerable<GeometryStep> steps)
        : this(original, Materialize(steps))
    {
    }

    private GeometryChain(VolumeGeometry original, GeometryStep[] steps)
        : base(original, steps.Length == 0 ? original : steps[^1].Target)
    {
        var kept = new List<GeometryStep>(steps.Length);
        var shape = original.Shape;
        foreach (var step in steps)
        {
            if (step.Source.Shape != shape)
            {
                throw new ArgumentException(
                    $"Step '{step.Description}' starts from a {step.Source.Shape} grid, but the previous step ends on {shape}.", nameof(steps));
            }

            shape = step.Target.Shape;
            if (!step.IsIdentity)
            {
                kept.Add(step);
            }
        }

        _steps = [.. kept];
    }

    /// <summary>Gets the non-identity steps in application order.</summary>
    public IReadOnlyList<GeometryStep> Steps => _steps;

    /// <inheritdoc />
    public override string Description =>
        _steps.Length == 0 ? "identity" : string.Join(" → ", _steps.Select(s => s.Description));

    /// <inheritdoc />
    public override bool IsIdentity => _steps.Length == 0;

    /// <inheritdoc />
    protected override LabelVolume InvertLabelsCore(LabelVolume labels)
    {
        var current = labels;
        for (var i = _steps.Length - 1; i >= 0; i--)
        {
            current = _steps[i].InvertLabels(current);
        }

        return ReferenceEquals(current.Geometry, Source) ? current : new LabelVolume(Source, current.Labels);
    }

    /// <inheritdoc />
    protected override Volume InvertProbabilitiesCore(Volume probabilities)
    {
        var current = probabilities;
        for (var i = _steps.Length - 1; i >= 0; i--)
        {
            current = _steps[i].InvertProbabilities(current);
        }

        return ReferenceEquals(current.Geometry, Source) ? current : new Volume(Source, current.Channels, current.Voxels);
    }

    private static GeometryStep[] Materialize(IEnumerable<GeometryStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var array = steps.ToArray();
        foreach (var step in array)
        {
            ArgumentNullException.ThrowIfNull(step, nameof(steps));
        }

        return array;
    }
}
