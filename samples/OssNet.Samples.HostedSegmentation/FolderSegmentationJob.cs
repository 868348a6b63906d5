// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Segmentation;

namespace OssNet.Samples.HostedSegmentation;

/// <summary>Segments every case of a folder with the named segmenter and writes <c>&lt;case&gt;_mask.nii.gz</c> files;
/// cases with labels are scored.</summary>
/// <remarks>Everything arrives by constructor injection: the source factory (singleton), the segmenter (keyed singleton,
/// resolved by name) and a fresh metric aggregator (transient).</remarks>
internal sealed class FolderSegmentationJob(
    IOptions<SegmentationJobOptions> options,
    IVolumeSourceFactory sources,
    IServiceProvider services,
    ISegmentationMetric metric)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var job = options.Value;
        var segmenter = services.GetRequiredKeyedService<ISegmenter>(job.Segmenter);
        var source = await sources.OpenAsync(job.InputFolder, cancellationToken: cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(job.OutputFolder);
        Console.WriteLine($"Segmenting {source.CaseIds.Count} case(s) of {source.Name} with '{job.Segmenter}' ({segmenter.ModelName})");
        await foreach (var volumeCase in source.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await segmenter.SegmentAsync(volumeCase, cancellationToken: cancellationToken).ConfigureAwait(false);
            var maskPath = Path.Combine(job.OutputFolder, $"{volumeCase.Id}_mask.nii.gz");
            await VolumeFile.WriteAsync(maskPath, result.Mask, cancellationToken).ConfigureAwait(false);
            var score = "";
            if (volumeCase.Label is { } label)
            {
                var metrics = metric.Update(result.Mask, label.ToBinary());
                score = string.Create(CultureInfo.InvariantCulture, $", Dice {metrics.Dice:F3}");
            }

            Console.WriteLine($"Wrote {maskPath} ({result.Mask.CountForeground()} foreground voxels{score})");
        }

        var summary = metric.Aggregate();
        if (summary.CaseCount > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mean Dice over {summary.CaseCount} labelled case(s): {summary.Dice.Mean:F3}"));
        }

        return source.CaseIds.Count;
    }
}
