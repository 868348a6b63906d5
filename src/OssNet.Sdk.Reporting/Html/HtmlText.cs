// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Text for HTML pages: escaping, numbers, inline JSON and safe file names.</summary>
internal static class HtmlText
{
    // The default encoder escapes <, >, & and quotes as \uXXXX, so the JSON can sit inside a <script> element.
    private static readonly JsonSerializerOptions s_json = new()
    {
        Encoder = JavaScriptEncoder.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Escapes text for an HTML element or a quoted attribute.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Serializes a value as JSON that is safe inside a <c>&lt;script&gt;</c> element.</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, s_json);

    /// <summary>Formats a metric for display: integers as is, large values with one decimal, the rest with three;
    /// missing or non-finite values as an en dash.</summary>
    public static string Number(double? value) => value switch
    {
        null => "–",
        { } v when !double.IsFinite(v) => "–",
        { } v when Math.Abs(v) < 1e12 && v == Math.Round(v) => v.ToString("0", CultureInfo.InvariantCulture),
        { } v when Math.Abs(v) >= 100 => v.ToString("F1", CultureInfo.InvariantCulture),
        { } v => v.ToString("F3", CultureInfo.InvariantCulture),
    };

    /// <summary>The exact value for sorting and for tests (round-trip format), or empty when missing or not finite.</summary>
    public static string SortValue(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>A file name for case number <paramref name="index"/>: "007-" and the id's letters, digits, '-' and
    /// '_' (runs of others become one '-'), at most 60 characters. The index keeps names unique and ids like "../x" harmless.</summary>
    public static string FileStem(int index, string id)
    {
        var slug = new StringBuilder();
        foreach (var ch in id.Normalize(NormalizationForm.FormKC))
        {
            var c = char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? char.ToLowerInvariant(ch) : '-';
            if (c != '-' || slug.Length == 0 || slug[^1] != '-')
            {
                slug.Append(c);
            }

            if (slug.Length == 60)
            {
                break;
            }
        }

        var text = slug.ToString().Trim('-');
        return string.Create(CultureInfo.InvariantCulture, $"{index + 1:000}") + (text.Length == 0 ? string.Empty : "-" + text);
    }
}
