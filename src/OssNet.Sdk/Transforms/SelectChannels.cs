// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>Keeps (and reorders) a subset of the image channels, e.g. FLAIR and T2 of the four BraTS modalities.</summary>
/// <remarks>Geometry is unchanged (identity step); the label is untouched.</remarks>
public sealed class SelectChannels : IVolumeTransform
{
    private readonly int[] _channels;

    /// <summary>Initializes the transform.</summary>
    /// <param name="channels">Zero-based channel indices of the input, in the output's order (repeats allowed).</param>
    /// <exception cref="ArgumentException">No channel, or a negative index.</exception>
    public SelectChannels(params int[] channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0 || channels.Any(c => c < 0))
        {
            throw new ArgumentException("Select at least one channel, with non-negative indices.", nameof(channels));
        }

        _channels = [.. channels];
    }

    /// <summary>Gets the selected channel indices.</summary>
    public IReadOnlyList<int> Channels => _channels;

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"SelectChannels({string.Join(", ", _channels)})");

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var image = input.Image;
        var missing = _channels.FirstOrDefault(c => c >= image.Channels, -1);
        if (missing >= 0)
        {
            throw new ArgumentException($"Case '{input.Id}' has {image.Channels} channel(s); channel {missing} does not exist.", nameof(input));
        }

        var n = (int)image.Shape.VoxelCount;
        var output = new float[(long)_channels.Length * n];
        for (var i = 0; i < _channels.Length; i++)
        {
            image.Channel(_channels[i]).Span.CopyTo(output.AsSpan(i * n, n));
        }

        var result = input with { Image = new Volume(image.Geometry, _channels.Length, output) };
        return new TransformResult(result, GeometryStep.Identity(image.Geometry));
    }
}
