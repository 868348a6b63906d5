// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.IO.Compression;
using System.Text;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Serialization;
using OssNet.Sdk.TorchSharp.Training;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.ModelFiles;

/// <summary>
/// The self-describing model file (<c>.ossnet</c>): a zip holding <c>model.json</c> (<see cref="ModelDescription"/>:
/// family, architecture, classes, plan, SDK version, training summary) and <c>weights.safetensors</c> (the state dict, with
/// the official key names for the reference presets). A training checkpoint (<c>last.ckpt</c>, <c>best.ckpt</c>) is read the
/// same way when <c>model.json</c> stands beside it, as <c>ossnet train</c> writes it into its checkpoint folder.
/// </summary>
public static class ModelFile
{
    /// <summary>The model file's extension.</summary>
    public const string Extension = ".ossnet";

    /// <summary>The checkpoint extension that is read with a <c>model.json</c> beside it.</summary>
    public const string CheckpointExtension = ".ckpt";

    /// <summary>The name of the description inside the model file (and beside checkpoints).</summary>
    public const string DescriptionName = "model.json";

    /// <summary>The name of the weights inside the model file.</summary>
    public const string WeightsName = "weights.safetensors";

    /// <summary>Returns whether <paramref name="path"/> names a model file or a checkpoint (by its extension).</summary>
    public static bool IsModelFile(string path) =>
        path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) || path.EndsWith(CheckpointExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes a model file atomically: a crash never leaves half a file, and an existing file is replaced whole.</summary>
    /// <param name="path">The <c>.ossnet</c> file.</param>
    /// <param name="description">What the model is; validated first.</param>
    /// <param name="model">The trained <see cref="OssNetModel"/> or <see cref="ResidualUNet"/>.</param>
    /// <exception cref="InvalidModelFileException">The description is inconsistent with itself.</exception>
    /// <exception cref="ArgumentException">The model is not of the described family and architecture.</exception>
    public static void Save(string path, ModelDescription description, nn.Module model)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(model);
        description.Validate(path);
        CheckModelMatches(description, model);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var weights = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.safetensors");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            ModuleWeights.Save(model, weights);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    var json = zip.CreateEntry(DescriptionName, CompressionLevel.Optimal);
                    using (var writer = new StreamWriter(json.Open(), new UTF8Encoding(false)))
                    {
                        writer.Write(ModelFileJson.Write(description));
                    }

                    zip.CreateEntryFromFile(weights, WeightsName, CompressionLevel.Fastest);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(weights);
            File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="description"/> as a bare <c>model.json</c> (beside checkpoints), atomically.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="description">The description; validated first.</param>
    public static void WriteDescription(string path, ModelDescription description)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(description);
        description.Validate(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, ModelFileJson.Write(description), new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads what a model file (or a checkpoint with <c>model.json</c> beside it) describes, without its weights.</summary>
    /// <param name="path">A <c>.ossnet</c> file or a <c>.ckpt</c> checkpoint.</param>
    /// <returns>The validated description.</returns>
    /// <exception cref="FileNotFoundException">The file (or the checkpoint's <c>model.json</c>) does not exist.</exception>
    /// <exception cref="InvalidModelFileException">The file is not a model file or its description is invalid; the message says why.</exception>
    public static ModelDescription ReadDescription(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(CheckpointExtension, StringComparison.OrdinalIgnoreCase))
        {
            var beside = CheckpointDescriptionPath(path);
            RequireFile(path);
            if (!File.Exists(beside))
            {
                throw new InvalidModelFileException(path, $"a checkpoint needs the {DescriptionName} that 'ossnet train' writes beside it, and {beside} does not exist.");
            }

            return ModelFileJson.Read(File.ReadAllText(beside), beside);
        }

        using var zip = OpenZip(path);
        return ReadDescription(zip, path);
    }

    /// <summary>Loads a model file (or a checkpoint with <c>model.json</c> beside it): its description and its model on the CPU.</summary>
    /// <param name="path">A <c>.ossnet</c> file or a <c>.ckpt</c> checkpoint.</param>
    /// <returns>The loaded model; the caller owns (disposes) it, or hands it to a segmenter.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidModelFileException">The file is malformed, or its weights do not fit the architecture it describes.</exception>
    public static LoadedModel Load(string path)
    {
        var description = ReadDescription(path);
        var model = CreateModel(description);
        try
        {
            if (path.EndsWith(CheckpointExtension, StringComparison.OrdinalIgnoreCase))
            {
                LoadCheckpointWeights(path, model);
            }
            else
            {
                LoadZipWeights(path, model);
            }

            model.eval();
            return new LoadedModel(description, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Builds the (untrained) model a description names.</summary>
    /// <param name="description">The description.</param>
    /// <returns>A new <see cref="OssNetModel"/> or <see cref="ResidualUNet"/> on the CPU; the caller owns it.</returns>
    public static nn.Module CreateModel(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description.Family.IsOccupancy() ? OssNetModel.Create(description.OssNet!) : ResidualUNet.Create(description.UNet!);
    }

    /// <summary>Gets the path of the <c>model.json</c> that describes the checkpoints of <paramref name="checkpoint"/>'s folder.</summary>
    public static string CheckpointDescriptionPath(string checkpoint) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(checkpoint))!, DescriptionName);

    private static void CheckModelMatches(ModelDescription description, nn.Module model)
    {
        var matches = description.Family.IsOccupancy()
            ? model is OssNetModel o && o.Options.FullResolutionShape == description.OssNet!.FullResolutionShape && o.Options.Classes == description.OssNet.Classes
            : model is ResidualUNet u && u.SpatialDimensions == description.UNet!.SpatialDimensions;
        if (!matches)
        {
            throw new ArgumentException($"The model ({model.GetType().Name}) is not the {description.ModelName} the description names.", nameof(model));
        }
    }

    private static ModelDescription ReadDescription(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(DescriptionName) ?? throw new InvalidModelFileException(path, $"the model file holds no {DescriptionName}.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return ModelFileJson.Read(reader.ReadToEnd(), path);
    }

    private static void LoadZipWeights(string path, nn.Module model)
    {
        using var zip = OpenZip(path);
        var entry = zip.GetEntry(WeightsName) ?? throw new InvalidModelFileException(path, $"the model file holds no {WeightsName}.");
        var temporary = Path.Combine(Path.GetTempPath(), $"ossnet-weights-{Guid.NewGuid():N}.safetensors");
        try
        {
            entry.ExtractToFile(temporary);
            ModuleWeights.Load(model, temporary);
        }
        catch (Exception ex) when (ex is StateDictionaryMismatchException or InvalidDataException)
        {
            throw new InvalidModelFileException(path, $"its weights do not fit the architecture it describes: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void LoadCheckpointWeights(string path, nn.Module model)
    {
        try
        {
            TrainingCheckpoint.Load(path, model, optimizer: null);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidModelFileException(path, $"the checkpoint does not fit the model its {DescriptionName} describes: {ex.Message}", ex);
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        RequireFile(path);
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidModelFileException(path, $"not a model file: it is not a zip archive ({ex.Message}).", ex);
        }
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }
    }
}
