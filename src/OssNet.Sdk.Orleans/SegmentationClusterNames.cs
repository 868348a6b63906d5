// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans;

/// <summary>Names a silo's configuration must use.</summary>
public static class SegmentationClusterNames
{
    /// <summary>The grain storage provider that holds jobs: register one under this name on every silo (memory storage for a
    /// single silo or tests, <see cref="Storage.FileGrainStorage"/> on shared disk, ADO.NET or Redis in deployment).</summary>
    public const string JobStorage = "ossnet-jobs";
}
