// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>
/// Writes files atomically: content goes to a hidden temporary file in the target's folder, is flushed to disk, and
/// replaces the target with one rename. A failed or cancelled write deletes the temporary file and leaves any existing
/// target untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically with <paramref name="write"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the content to the given stream.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then unchanged.</param>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        await using var transaction = new AtomicFileSet();
        var stream = transaction.Create(path);
        await write(stream, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// Several files written together (e.g. a MetaImage .mhd and its .raw): each is written to a temporary file, and only
/// when all are complete are they renamed into place, in creation order (data before header).
/// </summary>
internal sealed class AtomicFileSet : IAsyncDisposable
{
    private readonly List<(string Target, string Temp, FileStream Stream)> _files = [];
    private bool _committed;

    /// <summary>Creates the temporary file for <paramref name="path"/> and returns its stream.</summary>
    public FileStream Create(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no folder.", nameof(path));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 256 * 1024, FileOptions.Asynchronous);
        _files.Add((full, temp, stream));
        return stream;
    }

    /// <summary>Flushes every file to disk and renames each over its target.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, _, stream) in _files)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var (target, temp, _) in _files)
        {
            File.Move(temp, target, overwrite: true);
        }

        _committed = true;
    }

    /// <summary>Closes the streams and, unless committed, deletes the temporary files.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, temp, stream) in _files)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            if (!_committed)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Best effort: the original failure matters more than a leftover temporary file.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        _files.Clear();
    }
}
