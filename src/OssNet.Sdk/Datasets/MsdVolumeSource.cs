// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Datasets;

/// <summary>A Medical Segmentation Decathlon task folder, listed by its <c>dataset.json</c>.</summary>
/// <remarks>
/// <para><c>dataset.json</c> has <c>"training": [{"image": "./imagesTr/x.nii.gz", "label": "./labelsTr/x.nii.gz"}, …]</c>
/// and <c>"test": ["./imagesTs/y.nii.gz", …]</c>; <c>"modality"</c> names the channels of the (possibly 4-D) images.
/// Every path must resolve inside the task folder: absolute paths and <c>..</c> that leaves it are rejected when the
/// source is opened. Case identifiers are the image file names without extension; voxels are read only by
/// <see cref="LoadAsync"/>.</para>
/// <para><see cref="Description"/> holds the channel names (<c>"modality"</c>, or nnU-Net v2's <c>"channel_names"</c>) and
/// the label set: <c>"labels"</c> as <c>{"0": "background", "1": "tumour"}</c> (MSD) or <c>{"background": 0, "tumour": 1}</c>
/// (nnU-Net v2), in value order. nnU-Net v2 region labels (a list of values per name) are rejected.</para>
/// </remarks>
public sealed class MsdVolumeSource : VolumeSourceBase, IDescribedVolumeSource
{
    /// <summary>The largest dataset.json accepted (real ones are below 200 KB).</summary>
    private const long MaxDatasetJsonBytes = 64L << 20;

    private readonly FileListVolumeSource _files;

    private MsdVolumeSource(string root, string name, FileListVolumeSource files, IReadOnlyDictionary<string, string> properties, DatasetDescription description)
    {
        Root = root;
        Name = name;
        _files = files;
        Properties = properties;
        Description = description;
    }

    /// <summary>Gets the task folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> CaseIds => _files.CaseIds;

    /// <summary>Gets the top-level text fields of dataset.json (name, description, tensorImageSize, …) and "modality.N"/"labels.N" entries.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>Gets the dataset's name, channel names and label set as dataset.json gives them.</summary>
    public DatasetDescription Description { get; }

    /// <summary>Opens a task folder: reads and validates dataset.json (no image is read).</summary>
    /// <param name="root">The folder that holds dataset.json, imagesTr, labelsTr, ….</param>
    /// <param name="split">The list to load.</param>
    /// <param name="options">Read limits and checks; <see cref="VolumeReadOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels reading dataset.json.</param>
    /// <exception cref="InvalidVolumeException">dataset.json is missing, malformed, lists a path outside the folder, or repeats a case.</exception>
    public static async Task<MsdVolumeSource> OpenAsync(string root, MsdSplit split = MsdSplit.Training, VolumeReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        root = Path.GetFullPath(root);
        var jsonPath = Path.Combine(root, "dataset.json");
        if (!File.Exists(jsonPath))
        {
            throw new InvalidVolumeException(jsonPath, "the Medical Segmentation Decathlon folder has no dataset.json");
        }

        if (new FileInfo(jsonPath).Length > MaxDatasetJsonBytes)
        {
            throw new InvalidVolumeException(jsonPath, $"dataset.json is larger than {MaxDatasetJsonBytes:N0} bytes");
        }

        JsonDocument document;
        await using (var stream = File.OpenRead(jsonPath))
        {
            try
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InvalidVolumeException(jsonPath, $"dataset.json is not valid JSON: {e.Message}", e);
            }
        }

        using (document)
        {
            var top = document.RootElement;
            if (top.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidVolumeException(jsonPath, "dataset.json must hold a JSON object");
            }

            var properties = ReadProperties(top);
            var channelNames = ReadChannelNames(top);
            var labels = DatasetJsonLabels.Read(top, jsonPath);
            var cases = split == MsdSplit.Training ? ReadTraining(top, root, jsonPath, channelNames) : ReadTest(top, root, jsonPath, channelNames);
            var title = properties.TryGetValue("name", out var n) ? n : Path.GetFileName(root);
            var name = $"MSD {title} {split.ToString().ToLowerInvariant()} ({root})";
            try
            {
                var description = new DatasetDescription(properties.GetValueOrDefault("name"), channelNames, labels);
                return new MsdVolumeSource(root, name, new FileListVolumeSource(name, cases, options), properties, description);
            }
            catch (ArgumentException e)
            {
                throw new InvalidVolumeException(jsonPath, e.Message, e);
            }
        }
    }

    /// <summary>Gets the files of a case (without reading them).</summary>
    /// <exception cref="KeyNotFoundException">No case has that identifier.</exception>
    public VolumeFileCase GetFiles(string caseId) => _files.GetFiles(caseId);

    /// <inheritdoc />
    public override ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default) =>
        _files.LoadAsync(caseId, cancellationToken);

    private static List<VolumeFileCase> ReadTraining(JsonElement top, string root, string jsonPath, IReadOnlyList<string> channels)
    {
        var list = RequireArray(top, "training", jsonPath);
        var cases = new List<VolumeFileCase>();
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var where = $"training[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidVolumeException(jsonPath, $"{where} must be an object with \"image\" and \"label\"");
            }

            var image = Resolve(root, RequireString(entry, "image", where, jsonPath), jsonPath, $"{where}.image");
            var label = Resolve(root, RequireString(entry, "label", where, jsonPath), jsonPath, $"{where}.label");
            cases.Add(new VolumeFileCase(CaseId(image), [image], label) { ChannelNames = channels });
        }

        return cases;
    }

    private static List<VolumeFileCase> ReadTest(JsonElement top, string root, string jsonPath, IReadOnlyList<string> channels)
    {
        var list = RequireArray(top, "test", jsonPath);
        var cases = new List<VolumeFileCase>();
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var where = $"test[{index++}]";
            if (entry.ValueKind != JsonValueKind.String)
            {
                throw new InvalidVolumeException(jsonPath, $"{where} must be a path string");
            }

            var image = Resolve(root, entry.GetString()!, jsonPath, where);
            cases.Add(new VolumeFileCase(CaseId(image), [image]) { ChannelNames = channels });
        }

        return cases;
    }

    private static string Resolve(string root, string relative, string jsonPath, string where)
    {
        var path = PathGuard.ResolveInside(root, relative, jsonPath, where);
        if (VolumeFile.GetFormat(path) is null)
        {
            throw new InvalidVolumeException(jsonPath, $"{where} \"{relative}\" is not a supported volume file name");
        }

        return path;
    }

    private static string CaseId(string imagePath)
    {
        var name = Path.GetFileName(imagePath);
        foreach (var extension in new[] { ".nii.gz", ".nii", ".mha", ".mhd" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }

    private static JsonElement RequireArray(JsonElement top, string key, string jsonPath) =>
        top.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw new InvalidVolumeException(jsonPath, $"dataset.json has no \"{key}\" array");

    private static string RequireString(JsonElement entry, string key, string where, string jsonPath) =>
        entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidVolumeException(jsonPath, $"{where} has no \"{key}\" path string");

    private static Dictionary<string, string> ReadProperties(JsonElement top)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in top.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String or JsonValueKind.Number:
                    properties[property.Name] = property.Value.ToString();
                    break;
                case JsonValueKind.Object when property.Name is "modality" or "channel_names" or "labels":
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        properties[$"{property.Name}.{item.Name}"] = item.Value.ToString();
                    }

                    break;
                default:
                    break;
            }
        }

        return properties;
    }

    private static string[] ReadChannelNames(JsonElement top)
    {
        if (!(top.TryGetProperty("modality", out var modality) || top.TryGetProperty("channel_names", out modality)) || modality.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var names = new SortedDictionary<int, string>();
        foreach (var item in modality.EnumerateObject())
        {
            if (int.TryParse(item.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < 1024)
            {
                names[index] = item.Value.ToString();
            }
        }

        return [.. names.Values];
    }
}
