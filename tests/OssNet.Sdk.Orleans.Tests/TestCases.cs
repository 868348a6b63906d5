// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>Synthetic one-channel CT phantoms written as a folder of NIfTI files (a manifest location), and a scratch folder.</summary>
internal sealed class TestCases : IDisposable
{
    private TestCases(string root, IReadOnlyList<string> caseIds)
    {
        Root = root;
        CaseIds = caseIds;
    }

    public string Root { get; }

    public string Images => Path.Combine(Root, "images");

    public IReadOnlyList<string> CaseIds { get; }

    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    /// <summary>Writes <paramref name="count"/> phantoms named <c>case_000</c>… (or with <paramref name="name"/>).</summary>
    public static async Task<TestCases> WriteAsync(int count, Func<int, string>? name = null, int seed = 5)
    {
        var root = Directory.CreateTempSubdirectory("ossnet-orleans-").FullName;
        var images = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        var source = new SyntheticPhantomSource(
            new SyntheticPhantomOptions { Kind = PhantomKind.AbdomenLiver, Seed = seed, Shape = new VolumeShape(24, 24, 16) }, count);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var phantom = await source.LoadAsync(source.CaseIds[i]);
            var id = name?.Invoke(i) ?? $"case_{i:000}";
            await VolumeFile.WriteAsync(Path.Combine(images, id + ".nii.gz"), phantom.Image);
            ids.Add(id);
        }

        return new TestCases(root, ids);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
