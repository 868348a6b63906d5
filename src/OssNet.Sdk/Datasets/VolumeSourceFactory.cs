// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>
/// Opens a dataset from a path, recognising the layout: a Medical Segmentation Decathlon folder (it has
/// <c>dataset.json</c>), a BraTS folder (case sub-folders with <c>&lt;case&gt;_flair.nii[.gz]</c>), a folder of volume
/// files (one case per file, labels from a <c>labels</c> sub-folder), a file list or a single volume file.
/// </summary>
/// <remarks>
/// <para><b>File lists</b> (.csv, .tsv, .txt) have one case per line: <c>image[;image…][,label]</c> (a tab may replace the
/// comma). Several images of a case are concatenated as channels. Paths are relative to the list's folder or absolute; an
/// optional first line <c>image,label</c> is a header; blank lines and lines starting with <c>#</c> are skipped. The case
/// identifier is the first image's file name without its extension. Every listed file must exist when the list is opened.</para>
/// <para>Nothing but index files (dataset.json, the list) is read when opening; voxels load per case.</para>
/// </remarks>
public sealed class VolumeSourceFactory : IVolumeSourceFactory
{
    private static readonly string[] s_listExtensions = [".csv", ".tsv", ".txt"];
    private readonly VolumeReadOptions? _defaultReadOptions;

    /// <summary>Initializes a factory.</summary>
    /// <param name="defaultReadOptions">The read limits used when <see cref="VolumeSourceOptions.ReadOptions"/> is null;
    /// <see cref="VolumeReadOptions.Default"/> when this is null too.</param>
    public VolumeSourceFactory(VolumeReadOptions? defaultReadOptions = null) => _defaultReadOptions = defaultReadOptions;

    /// <inheritdoc />
    public async Task<IVolumeSource> OpenAsync(string location, VolumeSourceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        options ??= new VolumeSourceOptions();
        if (options.ReadOptions is null && _defaultReadOptions is not null)
        {
            options = new VolumeSourceOptions
            {
                Split = options.Split, RequireLabels = options.RequireLabels, LabelDirectory = options.LabelDirectory, ReadOptions = _defaultReadOptions,
            };
        }

        var full = Path.GetFullPath(location);
        if (Directory.Exists(full))
        {
            return File.Exists(Path.Combine(full, "dataset.json"))
                ? await MsdVolumeSource.OpenAsync(full, options.Split, options.ReadOptions, cancellationToken).ConfigureAwait(false)
                : OpenFolder(full, options);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No file or folder exists at {full}.", full);
        }

        if (string.Equals(Path.GetFileName(full), "dataset.json", StringComparison.OrdinalIgnoreCase))
        {
            return await MsdVolumeSource.OpenAsync(Path.GetDirectoryName(full)!, options.Split, options.ReadOptions, cancellationToken).ConfigureAwait(false);
        }

        if (s_listExtensions.Any(e => full.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            var lines = await File.ReadAllLinesAsync(full, cancellationToken).ConfigureAwait(false);
            return new FileListVolumeSource($"file list {full}", ParseList(full, lines), options.ReadOptions);
        }

        if (VolumeFile.GetFormat(full) is not null)
        {
            return new FileListVolumeSource(full, [new VolumeFileCase(CaseIdOf(full), [full])], options.ReadOptions);
        }

        throw new InvalidVolumeException(full, "not a volume file (.nii, .nii.gz, .mha, .mhd), a file list (.csv, .tsv, .txt) or a dataset.json");
    }

    /// <summary>Returns the case identifier of a volume file: its name without the volume extension.</summary>
    public static string CaseIdOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        foreach (var extension in new[] { ".nii.gz", ".nii", ".hdr.gz", ".hdr", ".mha", ".mhd" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }

    /// <summary>Parses the lines of a file list (see the remarks on <see cref="VolumeSourceFactory"/>).</summary>
    /// <param name="listPath">The list file; relative paths resolve against its folder, and errors name it.</param>
    /// <param name="lines">Its lines.</param>
    /// <exception cref="InvalidVolumeException">A line is malformed or repeats a case.</exception>
    /// <exception cref="FileNotFoundException">A listed file does not exist.</exception>
    public static IReadOnlyList<VolumeFileCase> ParseList(string listPath, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(listPath);
        ArgumentNullException.ThrowIfNull(lines);
        var folder = Path.GetDirectoryName(Path.GetFullPath(listPath))!;
        var cases = new List<VolumeFileCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split([',', '\t'], StringSplitOptions.TrimEntries);
            if (cases.Count == 0 && string.Equals(fields[0], "image", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"line {number}");
            if (fields.Length > 2 || fields[0].Length == 0)
            {
                throw new InvalidVolumeException(listPath, $"{where}: expected 'image[;image…][,label]', got '{line}'");
            }

            var images = fields[0].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => Resolve(folder, p, listPath, where))
                .ToArray();
            var label = fields.Length == 2 && fields[1].Length > 0 ? Resolve(folder, fields[1], listPath, where) : null;
            var id = CaseIdOf(images[0]);
            if (!ids.Add(id))
            {
                throw new InvalidVolumeException(listPath, $"{where}: the case '{id}' is listed twice");
            }

            cases.Add(new VolumeFileCase(id, images, label));
        }

        if (cases.Count == 0)
        {
            throw new InvalidVolumeException(listPath, "the file list names no case");
        }

        return cases;
    }

    private static IVolumeSource OpenFolder(string folder, VolumeSourceOptions options)
    {
        var bratsCases = Directory.EnumerateDirectories(folder)
            .Where(d => Directory.EnumerateFiles(d, Path.GetFileName(d) + "_flair.nii*").Any())
            .Any();
        if (bratsCases)
        {
            return new BratsVolumeSource(folder, options.ReadOptions, options.RequireLabels);
        }

        var images = Directory.EnumerateFiles(folder)
            .Where(f => VolumeFile.GetFormat(f) is not null && !f.EndsWith(".img", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".img.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (images.Count == 0)
        {
            throw new InvalidVolumeException(folder, "holds no dataset.json, no BraTS case folders and no volume files (.nii, .nii.gz, .mha, .mhd)");
        }

        var labelFolder = options.LabelDirectory is null ? Path.Combine(folder, "labels") : Path.GetFullPath(options.LabelDirectory);
        if (options.LabelDirectory is not null && !Directory.Exists(labelFolder))
        {
            throw new DirectoryNotFoundException($"The label folder {labelFolder} does not exist.");
        }

        var cases = new List<VolumeFileCase>(images.Count);
        foreach (var image in images)
        {
            var candidate = Path.Combine(labelFolder, Path.GetFileName(image));
            var label = File.Exists(candidate) ? candidate : null;
            if (label is null && options.RequireLabels)
            {
                throw new InvalidVolumeException(image, $"labels are required, and {candidate} does not exist");
            }

            cases.Add(new VolumeFileCase(CaseIdOf(image), [image], label));
        }

        return new FileListVolumeSource($"folder {folder}", cases, options.ReadOptions);
    }

    private static string Resolve(string folder, string path, string listPath, string where)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(folder, path));
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"{listPath}: {where}: {full} does not exist.", full);
        }

        if (VolumeFile.GetFormat(full) is null)
        {
            throw new InvalidVolumeException(listPath, $"{where}: {path} is not a volume file (.nii, .nii.gz, .mha, .mhd)");
        }

        return full;
    }
}
