// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OssNet.Cli.Commands;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli.Cluster;

/// <summary>
/// The silo's segmenter, built by <see cref="ModelOptions.BuildSegmenterServices"/> exactly as <c>ossnet segment</c> builds its
/// own, so both take the same model options. Like <c>segment</c>, the input channels are <c>--input-channels</c> or, when not
/// given, the data's: a silo does not see data until its first case, so the model is built then (once per channel count) and
/// kept for every later case.
/// </summary>
internal sealed class ChannelAdaptiveSegmenter(ModelOptions model, ParseResult parse, string? presetOverride) : ISegmenter, IDisposable
{
    private readonly Dictionary<int, ServiceProvider> _models = [];
    private readonly Lock _lock = new();

    public string ModelName => _models.Count == 0 ? "(built on the first case)" : ModelOptions.Segmenter(_models.Values.First()).ModelName;

    /// <summary>Builds (and validates) the model for <paramref name="channels"/> now, so bad options fail at start-up.</summary>
    public ISegmenter For(int channels)
    {
        lock (_lock)
        {
            if (!_models.TryGetValue(channels, out var services))
            {
                services = model.BuildSegmenterServices(parse, channels, presetOverride);
                _models[channels] = services;
            }

            return ModelOptions.Segmenter(services);
        }
    }

    public Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return For(parse.GetValue(model.InputChannels) ?? input.Image.Channels).SegmentAsync(input, options, cancellationToken);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var services in _models.Values)
            {
                services.Dispose();
            }

            _models.Clear();
        }
    }
}
