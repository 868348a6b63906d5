// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Metrics;

/// <summary>Mean and sample standard deviation of one metric over cases.</summary>
/// <param name="Mean">Mean over the finite values; <see cref="double.NaN"/> when there are none.</param>
/// <param name="StandardDeviation">
/// Sample standard deviation (divisor n − 1) over the finite values; <see cref="double.NaN"/> when fewer than two.
/// </param>
/// <param name="FiniteCount">Cases whose value is finite (the values behind <paramref name="Mean"/>).</param>
/// <param name="NonFiniteCount">
/// Cases whose value is infinite or NaN (e.g. a Hausdorff distance of +∞ because one mask was empty). They are
/// reported here instead of poisoning the mean.
/// </param>
/// <param name="MissingCount">Cases for which the metric was not computed (null).</param>
public readonly record struct MetricSummary(double Mean, double StandardDeviation, int FiniteCount, int NonFiniteCount, int MissingCount);
