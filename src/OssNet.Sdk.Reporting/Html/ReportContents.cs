// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>What the pages of a report show once the volumes are written: no voxels, so a report of many cases stays small in memory.</summary>
internal sealed record ReportContents(string Title, string? Description, LabelSet Labels, int ScanChannel, IReadOnlyList<CaseSummary> Cases)
{
    public IEnumerable<IReadOnlyList<ReportMetric>> CaseMetrics => Cases.Select(c => c.Metrics);
}

/// <summary>A written case: its id, numbers, scan geometry, the file stem of its page and data, and the voxel the viewer
/// starts at (null: the volume's centre).</summary>
internal sealed record CaseSummary(
    string Id, string Stem, IReadOnlyList<ReportMetric> Metrics, VolumeGeometry Geometry, int Channels, bool HasReference, (int X, int Y, int Z)? Focus);
