// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>JSON settings shared by the children, the result files and the report.</summary>
internal static class ScalingJson
{
    /// <summary>camelCase, nulls omitted, one line.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>As <see cref="Options"/>, indented (the committed result files).</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
