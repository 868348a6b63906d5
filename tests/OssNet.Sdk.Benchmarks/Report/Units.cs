// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Benchmarks.Report;

/// <summary>Number formatting of the reports (invariant culture; GB = 10^9 bytes).</summary>
internal static class Units
{
    public static string Gigabytes(long? bytes) => bytes is { } b ? (b / 1e9).ToString("F2", CultureInfo.InvariantCulture) : "–";

    public static string Seconds(double? seconds) => seconds switch
    {
        null => "–",
        < 10 => seconds.Value.ToString("F2", CultureInfo.InvariantCulture),
        < 100 => seconds.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => seconds.Value.ToString("F0", CultureInfo.InvariantCulture),
    };

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double fraction, int digits = 2) =>
        (100 * fraction).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " %";

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static string Duration(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => (nanoseconds / 1e9).ToString("F2", CultureInfo.InvariantCulture) + " s",
        >= 1e6 => (nanoseconds / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (nanoseconds / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " µs",
        _ => nanoseconds.ToString("F0", CultureInfo.InvariantCulture) + " ns",
    };

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "–",
        >= 1_000_000 => (bytes.Value / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes.Value / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
