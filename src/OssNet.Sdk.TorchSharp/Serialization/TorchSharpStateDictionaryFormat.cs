// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Serialization;

/// <summary>Reads TorchSharp's own weights format (<c>Module.save</c>, usually <c>.dat</c>) into a dictionary.</summary>
/// <remarks>
/// The format: a LEB128 entry count, then per entry a length-prefixed UTF-8 key, the LEB128 scalar type, the LEB128
/// rank, the LEB128 extents and the raw little-endian element bytes. Reading it into a dictionary first lets the loader
/// name every missing, unexpected or mis-shaped key before anything is copied, which <c>Module.load</c> does not.
/// </remarks>
internal static class TorchSharpStateDictionaryFormat
{
    private const long MaxEntries = 1_000_000;

    /// <summary>Reads every entry; the caller owns (disposes) the tensors.</summary>
    /// <exception cref="InvalidDataException">The stream is not in TorchSharp's format.</exception>
    internal static Dictionary<string, Tensor> Read(Stream stream, string path)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var result = new Dictionary<string, Tensor>();
        try
        {
            var count = reader.Read7BitEncodedInt64();
            if (count < 0 || count > MaxEntries)
            {
                throw new InvalidDataException($"'{path}' is not a TorchSharp weights file: it announces {count} entries.");
            }

            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var type = (ScalarType)reader.Read7BitEncodedInt64();
                var rank = reader.Read7BitEncodedInt64();
                if (rank < 0 || rank > 16)
                {
                    throw new InvalidDataException($"'{path}': entry '{key}' has an invalid rank {rank}.");
                }

                var shape = new long[rank];
                for (var d = 0; d < rank; d++)
                {
                    shape[d] = reader.Read7BitEncodedInt64();
                }

                var tensor = torch.empty(shape, dtype: type);
                result.Add(key, tensor);
                var length = checked(tensor.numel() * tensor.ElementSize);
                if (length > int.MaxValue)
                {
                    throw new InvalidDataException($"'{path}': entry '{key}' ({length} bytes) is larger than 2 GiB, which this reader does not support.");
                }

                var bytes = reader.ReadBytes((int)length);
                if (bytes.Length != length)
                {
                    throw new InvalidDataException($"'{path}' ends inside entry '{key}' ({bytes.Length} of {length} bytes).");
                }

                tensor.bytes = bytes;
            }

            return result;
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or FormatException)
        {
            Dispose(result);
            throw new InvalidDataException($"'{path}' is not a valid TorchSharp weights file: {ex.Message}", ex);
        }
        catch
        {
            Dispose(result);
            throw;
        }
    }

    private static void Dispose(Dictionary<string, Tensor> tensors)
    {
        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }
}
