// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Reflection;
using System.Text.RegularExpressions;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Models.OssNet;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>docs/reference/options.md lists every public settable property of every options class (and SegmentationRequest).</summary>
public sealed partial class OptionsDocumentationTests
{
    private static readonly Assembly[] s_assemblies =
    [
        typeof(ISegmenter).Assembly,            // OssNet.Sdk.Abstractions
        typeof(VolumeSourceFactory).Assembly,   // OssNet.Sdk
        typeof(OssNetOptions).Assembly,         // OssNet.Sdk.TorchSharp
        typeof(SegmenterOptions).Assembly,      // OssNet.Sdk.DependencyInjection
        typeof(OssNet.Sdk.Orleans.SegmentationJobOptions).Assembly, // OssNet.Sdk.Orleans
    ];

    public static TheoryData<string> OptionsTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in s_assemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && (t.Name.EndsWith("Options", StringComparison.Ordinal) || t == typeof(SegmentationRequest)))
            .Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true) // Orleans' generated serializers
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type.AssemblyQualifiedName!);
        }

        return data;
    }

    [Fact]
    public void TheSdkHasTheExpectedOptionsTypes() =>
        Assert.True(OptionsTypes().Count >= 16, $"only {OptionsTypes().Count} options types found");

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void EverySettableProperty_HasARowInItsSection(string assemblyQualifiedName)
    {
        var type = Type.GetType(assemblyQualifiedName, throwOnError: true)!;
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "reference", "options.md"));
        var heading = $"## `{type.Name}`";
        var start = document.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/reference/options.md has no section '{heading}'.");
        var next = NextHeading().Match(document, start + heading.Length);
        var section = next.Success ? document[start..next.Index] : document[start..];

        var missing = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => p.Name)
            .Where(name => !section.Contains($"| `{name}` |", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, $"docs/reference/options.md, section {type.Name}, lacks rows for: {string.Join(", ", missing)}.");
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OssNet.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OssNet.Sdk.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^#{1,2} ", RegexOptions.Multiline)]
    private static partial Regex NextHeading();
}
