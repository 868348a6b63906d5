// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>Reads the <c>"labels"</c> object of a dataset.json in either of its two spellings into a <see cref="LabelSet"/>.</summary>
/// <remarks>
/// MSD: <c>{"0": "background", "1": "edema"}</c> (value → name); nnU-Net v2: <c>{"background": 0, "edema": 1}</c> (name →
/// value). Classes are ordered by value; a missing value 0 is added as "background". Region labels (nnU-Net v2's
/// <c>"whole tumour": [1, 2, 3]</c>) are not a label map and are rejected.
/// </remarks>
internal static class DatasetJsonLabels
{
    public static LabelSet? Read(JsonElement top, string jsonPath)
    {
        if (!top.TryGetProperty("labels", out var labels))
        {
            return null;
        }

        if (labels.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidVolumeException(jsonPath, "\"labels\" must be an object such as {\"0\": \"background\", \"1\": \"tumour\"}");
        }

        var byValue = new SortedDictionary<int, string>();
        foreach (var item in labels.EnumerateObject())
        {
            var (value, name) = item.Value.ValueKind switch
            {
                JsonValueKind.String => (ParseValue(item.Name, jsonPath), item.Value.GetString()!),
                JsonValueKind.Number => (ParseValue(item.Value.GetRawText(), jsonPath), item.Name),
                JsonValueKind.Array => throw new InvalidVolumeException(jsonPath, $"labels.{item.Name} is a region (a list of values); region-based labels are not supported, list one value per class"),
                _ => throw new InvalidVolumeException(jsonPath, $"labels.{item.Name} must be a name (MSD: \"1\": \"tumour\") or a value (nnU-Net v2: \"tumour\": 1)"),
            };
            if (!byValue.TryAdd(value, name))
            {
                throw new InvalidVolumeException(jsonPath, $"labels give value {value} twice ('{byValue[value]}' and '{name}')");
            }
        }

        if (byValue.Count == 0)
        {
            return null;
        }

        byValue.TryAdd(0, "background");
        try
        {
            return new LabelSet([.. byValue.Select(p => new LabelDefinition((byte)p.Key, p.Value))]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidVolumeException(jsonPath, $"\"labels\" do not form a label set: {e.Message}", e);
        }
    }

    private static int ParseValue(string text, string jsonPath) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 255
            ? value
            : throw new InvalidVolumeException(jsonPath, $"label value '{text}' is not an integer in 0..255");
}
