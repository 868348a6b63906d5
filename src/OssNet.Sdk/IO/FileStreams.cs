// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Opening files for reading and small exact reads, shared by the NIfTI and MetaImage readers.</summary>
internal static class FileStreams
{
    /// <summary>
    /// The read buffer of input files. Decompressors pull 8 KiB at a time; a large buffer turns those pulls into
    /// synchronous copies instead of one asynchronous file read each.
    /// </summary>
    private const int BufferSize = 256 * 1024;

    /// <summary>Opens <paramref name="path"/> for asynchronous sequential reading.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Returns whether a seekable stream starts with the gzip magic, leaving its position unchanged.</summary>
    public static async ValueTask<bool> StartsWithGzipAsync(Stream stream, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var first = new byte[2];
        var n = await stream.ReadAtLeastAsync(first, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = start;
        return n == 2 && GzipLimits.IsGzip(first);
    }

    /// <summary>Reads up to <paramref name="count"/> bytes; throws naming <paramref name="what"/> when fewer arrive.</summary>
    public static async ValueTask<byte[]> ReadExactlyAsync(Stream stream, long count, string path, string what, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var n = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (n < count)
        {
            throw new InvalidVolumeException(path, $"truncated: the file ends {n} bytes into {what} ({count} bytes expected)");
        }

        return buffer;
    }

    /// <summary>Reads a whole (possibly decompressed) stream of at most <paramref name="limit"/> bytes.</summary>
    public static async ValueTask<byte[]> ReadAllBoundedAsync(Stream stream, long limit, string path, string what, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var scratch = new byte[64 * 1024];
        while (true)
        {
            var n = await stream.ReadAsync(scratch, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return memory.ToArray();
            }

            if (memory.Length + n > limit)
            {
                throw new InvalidVolumeException(path, $"{what} is larger than {limit:N0} bytes (VolumeReadOptions.MaxHeaderBytes)");
            }

            memory.Write(scratch, 0, n);
        }
    }
}
