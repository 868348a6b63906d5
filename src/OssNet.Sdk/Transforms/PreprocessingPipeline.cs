// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Applies transforms in order and chains their geometry steps, so that <see cref="TransformResult.Step"/> (a
/// <see cref="GeometryChain"/>) maps a mask or a probability volume from the final grid back onto the ORIGINAL grid and affine.
/// </summary>
/// <remarks>
/// <para>A pipeline is itself an <see cref="IVolumeTransform"/>, so pipelines nest. The output case's metadata gains a
/// <c>"preprocessing"</c> entry naming the transforms applied (appended to an existing entry).</para>
/// <example>
/// <code>
/// var pipeline = new PreprocessingPipeline(new ReorientToCanonical(), new ZScoreNormalization(), new PadOrCropToShape(new(256, 256, 160)));
/// var prepared = pipeline.Apply(volumeCase);
/// LabelVolume mask = Predict(prepared.Case);                 // on the 256×256×160 grid
/// LabelVolume onOriginalGrid = prepared.MapLabelsBack(mask); // original shape, spacing and affine
/// </code>
/// </example>
/// </remarks>
public sealed class PreprocessingPipeline : IVolumeTransform
{
    /// <summary>The metadata key under which the applied transforms are recorded.</summary>
    public const string MetadataKey = "preprocessing";

    private readonly IVolumeTransform[] _transforms;

    /// <summary>Initializes a pipeline of <paramref name="transforms"/>, applied in the given order.</summary>
    public PreprocessingPipeline(params IEnumerable<IVolumeTransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        _transforms = [.. transforms];
        foreach (var t in _transforms)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(transforms));
        }
    }

    /// <summary>Gets the transforms in application order.</summary>
    public IReadOnlyList<IVolumeTransform> Transforms => _transforms;

    /// <inheritdoc />
    public string Name => _transforms.Length == 0 ? "Identity" : string.Join(" → ", _transforms.Select(t => t.Name));

    /// <summary>Returns a new pipeline with <paramref name="transform"/> appended.</summary>
    public PreprocessingPipeline Then(IVolumeTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return new PreprocessingPipeline([.. _transforms, transform]);
    }

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var steps = new GeometryStep[_transforms.Length];
        var current = input;
        for (var i = 0; i < _transforms.Length; i++)
        {
            var result = _transforms[i].Apply(current);
            steps[i] = result.Step;
            current = result.Case;
        }

        var metadata = new Dictionary<string, string>(current.Metadata);
        metadata[MetadataKey] = input.Metadata.TryGetValue(MetadataKey, out var earlier) ? $"{earlier} → {Name}" : Name;
        return new TransformResult(current with { Metadata = metadata }, new GeometryChain(input.Image.Geometry, steps));
    }
}
