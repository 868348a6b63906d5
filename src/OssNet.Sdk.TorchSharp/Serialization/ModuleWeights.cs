// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Serialization;

/// <summary>
/// Loads and saves module weights in TorchSharp's format (<c>.dat</c>), PyTorch's pickled state dicts
/// (<c>.pt</c>/<c>.pth</c>, zip format, through TorchSharp.PyBridge) and <c>.safetensors</c>; the format follows the file extension.
/// </summary>
/// <remarks>
/// Loading reads the whole file first and checks it against the module's state dict: every missing or unexpected
/// key and every shape mismatch is named in one <see cref="StateDictionaryMismatchException"/> before anything is
/// copied. A uniform <c>module.</c> prefix (from <c>torch.nn.DataParallel</c>) is removed. Values are converted to the
/// module's dtype and device. Saving writes to a temporary file and renames it, so a crash never leaves half a file.
/// </remarks>
public static class ModuleWeights
{
    private const string DataParallelPrefix = "module.";

    /// <summary>Loads weights into <paramref name="module"/>.</summary>
    /// <param name="module">The module; its state-dict keys and shapes must match the file's.</param>
    /// <param name="path">A <c>.dat</c>, <c>.pt</c>, <c>.pth</c> or <c>.safetensors</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotSupportedException">The extension is not one of the supported formats.</exception>
    /// <exception cref="InvalidDataException">The file cannot be read as its format.</exception>
    /// <exception cref="StateDictionaryMismatchException">Keys or shapes do not match; the message names them.</exception>
    public static void Load(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        var source = ReadStateDictionary(path);
        try
        {
            CopyInto(module, source, path);
        }
        finally
        {
            foreach (var tensor in source.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Saves <paramref name="module"/>'s state dict in PyTorch's key order.</summary>
    /// <param name="module">The module.</param>
    /// <param name="path">A <c>.dat</c>, <c>.pt</c>, <c>.pth</c> or <c>.safetensors</c> file; replaced atomically.</param>
    /// <exception cref="NotSupportedException">The extension is not one of the supported formats.</exception>
    public static void Save(Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = FormatOf(path);
        var full = System.IO.Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var scope = torch.NewDisposeScope())
            {
                var state = new Dictionary<string, Tensor>();
                foreach (var (key, tensor) in StateDictionaryOrder.Enumerate(module))
                {
                    state.Add(key, tensor.device_type == DeviceType.CPU ? tensor.detach() : tensor.detach().cpu());
                }

                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                switch (format)
                {
                    case WeightsFormat.TorchSharp:
                        WriteTorchSharp(stream, state);
                        break;
                    case WeightsFormat.PyTorch:
                        PyTorchPickler.PickleStateDict(stream, state, true);
                        break;
                    default:
                        Safetensors.SaveStateDict(stream, state, true);
                        break;
                }
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads a weights file into a new dictionary (file order where the format keeps one).</summary>
    /// <param name="path">A <c>.dat</c>, <c>.pt</c>, <c>.pth</c> or <c>.safetensors</c> file.</param>
    /// <returns>Key → tensor on the CPU; the caller owns (disposes) the tensors.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotSupportedException">The extension is not one of the supported formats.</exception>
    /// <exception cref="InvalidDataException">The file cannot be read as its format.</exception>
    public static Dictionary<string, Tensor> ReadStateDictionary(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var format = FormatOf(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The weights file '{path}' does not exist.", path);
        }

        Dictionary<string, Tensor> state;
        switch (format)
        {
            case WeightsFormat.TorchSharp:
                using (var stream = File.OpenRead(path))
                {
                    state = TorchSharpStateDictionaryFormat.Read(stream, path);
                }

                break;
            case WeightsFormat.PyTorch:
                state = ReadPyTorch(path);
                break;
            default:
                state = ReadSafetensors(path);
                break;
        }

        return StripDataParallelPrefix(state);
    }

    private static void CopyInto(Module module, Dictionary<string, Tensor> source, string path)
    {
        var target = module.state_dict();
        var missing = target.Keys.Where(k => !source.ContainsKey(k)).ToList();
        var unexpected = source.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var shapes = target
            .Where(entry => source.TryGetValue(entry.Key, out var value) && !entry.Value.shape.SequenceEqual(value.shape))
            .Select(entry => (entry.Key, TensorGuard.Format(entry.Value.shape), TensorGuard.Format(source[entry.Key].shape)))
            .ToList();
        if (missing.Count > 0 || unexpected.Count > 0 || shapes.Count > 0)
        {
            throw new StateDictionaryMismatchException(path, missing, unexpected, shapes);
        }

        using var noGrad = torch.no_grad();
        foreach (var (key, tensor) in target)
        {
            tensor.copy_(source[key]);
        }
    }

    private static Dictionary<string, Tensor> ReadPyTorch(string path)
    {
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"'{path}' could not be read as a PyTorch state dict ({ex.Message}). Supported: the zip format written by torch.save(model.state_dict()).", ex);
        }

        var state = new Dictionary<string, Tensor>(table.Count);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string key || entry.Value is not Tensor tensor)
            {
                foreach (var value in table.Values.OfType<Tensor>())
                {
                    value.Dispose();
                }

                throw new InvalidDataException(
                    $"'{path}' holds an entry '{entry.Key}' of type {entry.Value?.GetType().Name ?? "null"}; a state dict maps string keys to tensors.");
            }

            state.Add(key, tensor);
        }

        return state;
    }

    private static Dictionary<string, Tensor> ReadSafetensors(string path)
    {
        try
        {
            return Safetensors.LoadStateDict(path, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' could not be read as a safetensors file ({ex.Message}).", ex);
        }
    }

    private static Dictionary<string, Tensor> StripDataParallelPrefix(Dictionary<string, Tensor> state)
    {
        if (state.Count == 0 || !state.Keys.All(k => k.StartsWith(DataParallelPrefix, StringComparison.Ordinal)))
        {
            return state;
        }

        return state.ToDictionary(entry => entry.Key[DataParallelPrefix.Length..], entry => entry.Value);
    }

    private static void WriteTorchSharp(Stream stream, Dictionary<string, Tensor> state)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write7BitEncodedInt64(state.Count);
        foreach (var (key, tensor) in state)
        {
            writer.Write(key);
            writer.Write7BitEncodedInt64((long)tensor.dtype);
            writer.Write7BitEncodedInt64(tensor.dim());
            foreach (var extent in tensor.shape)
            {
                writer.Write7BitEncodedInt64(extent);
            }

            using var contiguous = tensor.contiguous();
            writer.Write(contiguous.bytes);
        }
    }

    private static WeightsFormat FormatOf(string path) =>
        System.IO.Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".DAT" => WeightsFormat.TorchSharp,
            ".PT" or ".PTH" => WeightsFormat.PyTorch,
            ".SAFETENSORS" => WeightsFormat.Safetensors,
            var other => throw new NotSupportedException(
                $"Cannot tell the weights format of '{path}' from its extension '{other}': use .dat (TorchSharp), .pt/.pth (PyTorch) or .safetensors."),
        };

    private enum WeightsFormat
    {
        TorchSharp,
        PyTorch,
        Safetensors,
    }
}
