// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>The trainer's own state stored in a checkpoint next to the weights and the optimizer state.</summary>
/// <param name="EpochsCompleted">Epochs fully completed.</param>
/// <param name="BestValidationDice">Best validation Dice so far.</param>
/// <param name="BestEpoch">Epoch of the best validation Dice.</param>
/// <param name="History">Per-epoch records so far.</param>
/// <param name="Description">The training task's description, to catch resuming into a different model.</param>
public sealed record TrainerState(int EpochsCompleted, double? BestValidationDice, int? BestEpoch, IReadOnlyList<EpochRecord> History, string Description);

/// <summary>
/// Reads and writes training checkpoints: one file holding the trainer state (JSON), the model weights (TorchSharp format)
/// and the optimizer state. Writes are atomic (temporary file in the same folder, then rename), so an interrupted write
/// never replaces a good checkpoint.
/// </summary>
public static class TrainingCheckpoint
{
    private const string Magic = "OSSNETCK";
    private const int FormatVersion = 1;

    /// <summary>Writes a checkpoint to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, TrainerState state, torch.nn.Module model, OptimizerBundle optimizer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Encoding.ASCII.GetBytes(Magic));
                writer.Write(FormatVersion);
                writer.Write(JsonSerializer.Serialize(state));
                model.save(writer);
                optimizer.Save(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads the trainer state of a checkpoint and loads its weights (and optimizer state, when given) in place.</summary>
    /// <exception cref="InvalidDataException">The file is not an OssNet checkpoint or does not match the model; the message names the file.</exception>
    public static TrainerState Load(string path, torch.nn.Module model, OptimizerBundle? optimizer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var magic = Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length));
            if (magic != Magic)
            {
                throw new InvalidDataException($"{path}: not an OssNet.Sdk training checkpoint (bad magic).");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{path}: checkpoint format version {version} is not supported (expected {FormatVersion}).");
            }

            var state = JsonSerializer.Deserialize<TrainerState>(reader.ReadString())
                ?? throw new InvalidDataException($"{path}: the trainer state is empty.");
            model.load(reader, strict: true);
            optimizer?.Load(reader);
            return state;
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException or ArgumentException or IOException && ex is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: the checkpoint is truncated or does not match the model ({ex.Message}).", ex);
        }
    }
}
