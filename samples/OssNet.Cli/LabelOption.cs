// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli;

/// <summary>Parses the <c>--labels</c> option: <c>binary</c>, or <c>value:name</c> pairs such as <c>1:white matter,2:grey matter,3:CSF</c>
/// (background 0 is implied).</summary>
internal static class LabelOption
{
    public const string Help = "The masks' classes: 'binary' (every non-zero value is foreground; the default) or value:name pairs, "
        + "e.g. \"1:white matter,2:grey matter,3:CSF\" (background 0 is implied)";

    /// <exception cref="ArgumentException">The text is not 'binary' or a list of value:name pairs with values 1..255.</exception>
    public static LabelSet Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("binary", StringComparison.OrdinalIgnoreCase))
        {
            return LabelSet.Binary();
        }

        var labels = new List<LabelDefinition> { new(0, "background") };
        foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0 || parts[1].Length == 0)
            {
                throw new ArgumentException($"--labels: '{pair}' is not value:name with a value in 1..255 (e.g. \"1:white matter,2:grey matter\").");
            }

            labels.Add(new LabelDefinition(value, parts[1]));
        }

        try
        {
            return new LabelSet(labels);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"--labels: {ex.Message}", ex);
        }
    }
}
