// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>Returned by <c>AddOssNet()</c> to add segmenters and segmenter families (<c>AddSegmenter</c>, <c>AddSegmenterFamily</c>).</summary>
public interface IOssNetBuilder
{
    /// <summary>Gets the service collection the SDK was added to.</summary>
    IServiceCollection Services { get; }
}

/// <summary>The default <see cref="IOssNetBuilder"/>.</summary>
internal sealed class OssNetBuilder(IServiceCollection services) : IOssNetBuilder
{
    public IServiceCollection Services { get; } = services;
}
