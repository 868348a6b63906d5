// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>The file(s) of one NIfTI image: a single .nii[.gz], or a .hdr/.img pair (either may be gzipped).</summary>
/// <param name="HeaderPath">The file holding the header.</param>
/// <param name="DataPath">The file holding the voxels (the same file for a single-file NIfTI).</param>
/// <param name="IsPair">True for a .hdr/.img pair.</param>
internal sealed record NiftiFiles(string HeaderPath, string DataPath, bool IsPair)
{
    private static readonly string[] s_extensions = [".nii", ".nii.gz", ".hdr", ".hdr.gz", ".img", ".img.gz"];

    /// <summary>True when the file name ends in a NIfTI extension (.nii, .nii.gz, .hdr[.gz], .img[.gz]; any case).</summary>
    public static bool HasNiftiExtension(string path) => s_extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the path names a single-file NIfTI written as .nii or .nii.gz.</summary>
    public static bool IsSingleFileName(string path) =>
        path.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds the header and data files for <paramref name="path"/>.</summary>
    /// <exception cref="InvalidVolumeException">The partner file of a pair is missing or ambiguous, or the name is not NIfTI.</exception>
    public static NiftiFiles Resolve(string path)
    {
        if (IsSingleFileName(path))
        {
            return new NiftiFiles(path, path, false);
        }

        var (stem, kind) = Split(path);
        return kind switch
        {
            "hdr" => new NiftiFiles(path, Partner(path, stem, ".img"), true),
            "img" => new NiftiFiles(Partner(path, stem, ".hdr"), path, true),
            _ => throw new InvalidVolumeException(path, "not a NIfTI file name (.nii, .nii.gz, .hdr/.img, .hdr.gz/.img.gz)"),
        };
    }

    private static (string Stem, string Kind) Split(string path)
    {
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        foreach (var kind in new[] { "hdr", "img" })
        {
            if (name.EndsWith("." + kind, StringComparison.OrdinalIgnoreCase))
            {
                return (name[..^4], kind);
            }
        }

        return (path, string.Empty);
    }

    private static string Partner(string path, string stem, string extension)
    {
        // Keep the case of the given file's extension: x.HDR pairs with x.IMG (file names are case-sensitive here).
        var givenExtension = path[stem.Length..];
        var ext = givenExtension.Any(char.IsUpper) ? extension.ToUpperInvariant() : extension;
        var plain = stem + ext;
        var gz = plain + (givenExtension.Any(char.IsUpper) ? ".GZ" : ".gz");
        var hasPlain = File.Exists(plain);
        var hasGz = File.Exists(gz);
        if (hasPlain && hasGz)
        {
            // Archives often keep both; nibabel and ITK read such pairs. The copies are used only when they agree.
            if (!SameContent(plain, gz))
            {
                throw new InvalidVolumeException(path,
                    $"ambiguous pair: both {plain} and {gz} exist and hold different bytes; delete the one that is wrong");
            }

            return plain;
        }

        if (!hasPlain && !hasGz)
        {
            throw new InvalidVolumeException(path, $"the pair's {ext} file is missing ({Path.GetFileName(plain)} or {Path.GetFileName(gz)})");
        }

        return hasPlain ? plain : gz;
    }

    /// <summary>True when <paramref name="gz"/> decompresses to exactly the bytes of <paramref name="plain"/> (stops at the
    /// first difference, and never decompresses more than the plain file's length plus one byte).</summary>
    private static bool SameContent(string plain, string gz)
    {
        using var a = new FileStream(plain, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var compressed = new FileStream(gz, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var b = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        var x = new byte[1 << 16];
        var y = new byte[1 << 16];
        while (true)
        {
            var n = a.ReadAtLeast(x, x.Length, throwOnEndOfStream: false);
            var wanted = Math.Max(n, 1); // one byte past the plain file's end shows whether the gzip copy is longer
            var m = b.ReadAtLeast(y.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
            if (n != m || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, m)))
            {
                return false;
            }

            if (n == 0)
            {
                return true;
            }
        }
    }
}
