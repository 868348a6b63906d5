// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using OssNet.Sdk.Reporting.Viewer;

namespace OssNet.Sdk.Reporting.Tests;

public sealed class NiiVueBundleTests
{
    [Fact]
    public void Open_EmbeddedBundle_HasThePinnedSha256()
    {
        using var stream = NiiVueBundle.Open();
        Assert.Equal(NiiVueBundle.Sha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    [Fact]
    public void Open_EmbeddedBundle_IsTheUmdBuildOfThePinnedVersion()
    {
        using var reader = new StreamReader(NiiVueBundle.Open());
        var text = reader.ReadToEnd();
        // A classic (UMD) script that defines the global `niivue`: ES modules do not load from file://.
        Assert.StartsWith("(function(", text, StringComparison.Ordinal);
        Assert.Contains("sA.niivue={}", text, StringComparison.Ordinal);
        Assert.Contains("loadFromBase64", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256_OfTheSourceFile_MatchesThePin()
    {
        // The committed file itself (not only the embedded copy) is the pinned npm file.
        var source = Path.Combine(RepositoryRoot(), "src", "OssNet.Sdk.Reporting", "Viewer", NiiVueBundle.FileName);
        Assert.Equal(NiiVueBundle.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source))));
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "README.md"));
        Assert.Contains(NiiVueBundle.Version, readme, StringComparison.Ordinal);
        Assert.Contains(NiiVueBundle.Sha256, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenLicense_IsNiiVuesBsdLicence()
    {
        using var reader = new StreamReader(NiiVueBundle.OpenLicense());
        var text = reader.ReadToEnd();
        Assert.Contains("BSD 2-Clause License", text, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2021, Niivue", text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OssNet.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OssNet.Sdk.sln) was not found above " + AppContext.BaseDirectory);
    }
}
