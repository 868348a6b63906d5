// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>What a scaling configuration measures.</summary>
internal static class ScalingMode
{
    /// <summary>One training step (batch 1): forward, loss, backward, optimiser step.</summary>
    public const string Train = "train";

    /// <summary>Segmenting one volume.</summary>
    public const string Infer = "infer";

    /// <summary>Gets both modes.</summary>
    public static IReadOnlyList<string> All { get; } = [Train, Infer];

    /// <summary>Checks a mode name.</summary>
    /// <exception cref="ArgumentException">Unknown mode.</exception>
    public static string Parse(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        return All.Contains(lower) ? lower : throw new ArgumentException($"Unknown mode '{name}'. Known: train, infer.", nameof(name));
    }
}
