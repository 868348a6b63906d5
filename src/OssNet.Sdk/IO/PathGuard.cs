// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Resolves file names written inside data files (MetaImage ElementDataFile, MSD dataset.json) without leaving their folder.</summary>
internal static class PathGuard
{
    /// <summary>
    /// Resolves <paramref name="relative"/> against <paramref name="root"/>, rejecting absolute paths, NUL characters,
    /// and anything (e.g. "../x") that resolves outside <paramref name="root"/>.
    /// </summary>
    /// <param name="root">The folder the name must stay inside.</param>
    /// <param name="relative">The name as written in the file.</param>
    /// <param name="source">The file that contains the name (named in errors).</param>
    /// <param name="what">What the name is, e.g. "ElementDataFile".</param>
    /// <exception cref="InvalidVolumeException">The name is absolute or escapes <paramref name="root"/>.</exception>
    public static string ResolveInside(string root, string relative, string source, string what)
    {
        if (string.IsNullOrWhiteSpace(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidVolumeException(source, $"{what} \"{relative}\" is not a usable file name");
        }

        if (Path.IsPathRooted(relative) || relative.StartsWith('~'))
        {
            throw new InvalidVolumeException(source, $"{what} \"{relative}\" is an absolute path; only names relative to {root} are accepted");
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidVolumeException(source, $"{what} \"{relative}\" resolves outside {fullRoot} (path traversal is not allowed)");
        }

        return full;
    }
}
