// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Text;
using Orleans.Storage;
using OssNet.Sdk.IO;

namespace OssNet.Sdk.Orleans.Storage;

/// <summary>
/// Grain storage in a folder: one file per grain state, written atomically (temporary file + rename) with an ETag check.
/// For clusters whose silos share a disk (one host, or an NFS/SMB mount that the masks go to anyway): jobs then survive any
/// silo, with no database to run. Large clusters use ADO.NET or Redis storage instead.
/// </summary>
/// <remarks>Each file holds the ETag (length-prefixed UTF-8) and then the state as the silo's <see cref="IGrainStorageSerializer"/>
/// writes it.</remarks>
public sealed class FileGrainStorage : IGrainStorage
{
    private readonly string _folder;
    private readonly IGrainStorageSerializer _serializer;

    /// <summary>Initializes a new instance of the <see cref="FileGrainStorage"/> class.</summary>
    /// <param name="folder">The folder for the state files; created when missing.</param>
    /// <param name="serializer">The serializer of the states.</param>
    public FileGrainStorage(string folder, IGrainStorageSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(serializer);
        _folder = Path.GetFullPath(folder);
        _serializer = serializer;
        Directory.CreateDirectory(_folder);
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var stored = await ReadFileAsync(PathOf(stateName, grainId));
        if (stored is null)
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(stored.Value.Payload));
        grainState.ETag = stored.Value.ETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        await CheckETagAsync(path, grainState.ETag, stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var payload = _serializer.Serialize(grainState.State).ToMemory();
        await AtomicFile.WriteAsync(path, async (stream, cancellationToken) =>
        {
            var header = new byte[4 + Encoding.UTF8.GetByteCount(etag)];
            BinaryPrimitives.WriteInt32LittleEndian(header, header.Length - 4);
            Encoding.UTF8.GetBytes(etag, header.AsSpan(4));
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        await CheckETagAsync(path, grainState.ETag, stateName, grainId);
        File.Delete(path);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static async Task CheckETagAsync(string path, string? expected, string stateName, GrainId grainId)
    {
        var current = (await ReadFileAsync(path))?.ETag;
        if (current != expected)
        {
            throw new InconsistentStateException(
                $"The state '{stateName}' of {grainId} in {path} was changed by another writer.", current ?? "(none)", expected ?? "(none)");
        }
    }

    private static async Task<(string ETag, byte[] Payload)?> ReadFileAsync(string path)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        var length = bytes.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : -1;
        if (length < 0 || 4 + length > bytes.Length)
        {
            throw new InvalidDataException($"{path} is not a grain state file written by {nameof(FileGrainStorage)} (bad header).");
        }

        return (Encoding.UTF8.GetString(bytes, 4, length), bytes[(4 + length)..]);
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        var folder = Path.Combine(_folder, Uri.EscapeDataString(stateName));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Uri.EscapeDataString(grainId.ToString()) + ".state");
    }
}
