// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>
/// A cumulative segmentation metric (MONAI <c>Cumulative</c> life cycle): <see cref="Update"/> once per case,
/// <see cref="Aggregate"/> for the summary so far, <see cref="Reset"/> to start over.
/// </summary>
/// <remarks>Instances are stateful accumulators: use one per evaluation run (register them as transient).</remarks>
public interface ISegmentationMetric
{
    /// <summary>Scores one case and adds it to the accumulated cases.</summary>
    /// <param name="prediction">The predicted mask (label &gt; 0 is foreground).</param>
    /// <param name="reference">The ground-truth mask (label &gt; 0 is foreground); its spacing is used for distances.</param>
    /// <returns>The metrics of this case.</returns>
    /// <exception cref="ArgumentException">The two masks differ in shape or spacing.</exception>
    CaseMetrics Update(LabelVolume prediction, LabelVolume reference);

    /// <summary>Summarises every case accumulated since construction or the last <see cref="Reset"/>.</summary>
    AggregatedMetrics Aggregate();

    /// <summary>Forgets every accumulated case.</summary>
    void Reset();
}
