// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Tests.Synthetic;

/// <summary>Tests that measure time run in this collection, which never runs in parallel with anything else.</summary>
[CollectionDefinition(nameof(TimingTestGroup), DisableParallelization = true)]
public sealed class TimingTestGroup;
