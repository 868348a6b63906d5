// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Segmentation;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>
/// Builds the segmenter of one registration from its options; the family extension point. The built-in <c>oss-net</c> family
/// is one; U-Net baselines (or any model) plug in through <c>AddSegmenterFamily(name, factory)</c> or per segmenter with
/// <c>SegmenterBuilder.UseFactory</c>.
/// </summary>
/// <param name="context">The registration's name, options, device, services and preprocessing.</param>
/// <returns>A new segmenter; the container owns it (it is a singleton, disposed with the container when it is <see cref="IDisposable"/>).</returns>
public delegate ISegmenter SegmenterFactory(SegmenterBuildContext context);
