// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Benchmarks;

/// <summary>Minimal "--name value" option parsing shared by the benchmark commands.</summary>
internal static class BenchmarkArguments
{
    public static string? Get(IReadOnlyList<string> arguments, string name)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == name)
            {
                return arguments[i + 1];
            }
        }

        return null;
    }

    public static int GetInt(IReadOnlyList<string> arguments, string name, int fallback) =>
        Get(arguments, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static bool Has(IReadOnlyList<string> arguments, string name) => arguments.Contains(name);
}
