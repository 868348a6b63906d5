// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.IO.Compression;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Bounds for compressed input: the most a deflate stream can expand, and how much trailing data is drained.</summary>
/// <remarks>
/// The decompression-bomb defence is to bound the <b>declared</b> size before allocating: a deflate stream cannot
/// expand more than about 1032:1, so a header that needs more bytes than <c>compressed length × 1032</c> is lying, and
/// it is rejected before a buffer of the declared size exists. Inflation then reads exactly what the header needs.
/// </remarks>
internal static class GzipLimits
{
    /// <summary>The largest expansion ratio of deflate (258-byte matches coded in about 2 bits), rounded up.</summary>
    public const long MaxDeflateRatio = 1032;

    /// <summary>The gzip magic bytes.</summary>
    public static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    /// <summary>Returns the most bytes <paramref name="compressedLength"/> bytes of deflate data can inflate to.</summary>
    public static long MaxInflatedBytes(long compressedLength) =>
        compressedLength > long.MaxValue / MaxDeflateRatio ? long.MaxValue : (compressedLength * MaxDeflateRatio) + 4096;

    /// <summary>Throws when <paramref name="neededBytes"/> cannot come out of <paramref name="compressedLength"/> compressed bytes.</summary>
    public static void EnsurePlausible(string path, long neededBytes, long compressedLength)
    {
        if (neededBytes > MaxInflatedBytes(compressedLength))
        {
            throw new InvalidVolumeException(path,
                $"the header needs {neededBytes:N0} decompressed bytes, more than {compressedLength:N0} compressed bytes can hold " +
                $"(deflate expands at most {MaxDeflateRatio}:1); the header lies or the file is truncated");
        }
    }

    /// <summary>True when the first bytes are the gzip magic.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> firstBytes) => firstBytes.Length >= 2 && firstBytes[..2].SequenceEqual(GzipMagic);

    /// <summary>
    /// Reads what is left of a decompressing stream so its integrity check (gzip CRC-32/ISIZE, zlib Adler-32) runs,
    /// discarding at most <paramref name="maxTrailingBytes"/> bytes.
    /// </summary>
    /// <exception cref="InvalidVolumeException">More than <paramref name="maxTrailingBytes"/> bytes follow the data.</exception>
    public static async ValueTask DrainAsync(Stream decompressed, long maxTrailingBytes, string path, CancellationToken cancellationToken)
    {
        var scratch = new byte[64 * 1024];
        long total = 0;
        while (true)
        {
            var n = await decompressed.ReadAsync(scratch, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            total += n;
            if (total > maxTrailingBytes)
            {
                throw new InvalidVolumeException(path,
                    $"the compressed stream inflates to more than {maxTrailingBytes:N0} bytes beyond what the header needs " +
                    "(VolumeReadOptions.MaxTrailingBytes); refusing a possible decompression bomb");
            }
        }
    }

    /// <summary>Wraps a compressed-stream failure (bad CRC, corrupt deflate data) as an <see cref="InvalidVolumeException"/>.</summary>
    public static InvalidVolumeException Corrupt(string path, string format, Exception exception) =>
        new(path, $"corrupt {format} stream (bad deflate data, CRC or length check): {exception.Message}", exception);

    /// <summary>
    /// True for the exceptions .NET's decompressors throw on corrupt input: <see cref="InvalidDataException"/>, and
    /// the internal System.IO.Compression.ZLibException (an <see cref="IOException"/>, e.g. for a zlib header that asks
    /// for a preset dictionary). Plain I/O errors of the underlying file are not matched.
    /// </summary>
    public static bool IsCorruptData(Exception exception) =>
        exception is InvalidDataException || exception.GetType().FullName == "System.IO.Compression.ZLibException";

    /// <summary>Opens a decompressing stream over <paramref name="compressed"/>: gzip when it starts with the gzip magic, else zlib.</summary>
    public static Stream OpenDecompressor(Stream compressed, bool gzip) =>
        gzip ? new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true) : new ZLibStream(compressed, CompressionMode.Decompress, leaveOpen: true);
}
