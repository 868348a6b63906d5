// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.IO.Compression;
using OssNet.Sdk.IO;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>The volumes a case page embeds, as gzip-compressed NIfTI-1 bytes that NiiVue reads from memory.</summary>
/// <remarks>Kept small: the scan as int16 — its own values when they are integers that fit (CT, most MRI), otherwise
/// quantised to 65,535 steps with scl_slope/scl_inter restoring the intensities — and the masks as uint8 label maps.</remarks>
internal static class ViewerVolumes
{
    /// <summary>Encodes one channel of a scan as int16 NIfTI (gz), scaled so its range fills the int16 range.</summary>
    public static async Task<byte[]> EncodeScanAsync(Volume scan, int channel, CancellationToken cancellationToken)
    {
        var values = scan.Channel(channel);
        var (min, max, integral) = FiniteRange(values.Span);
        // Integers that fit are stored exactly (slope 1): smaller once compressed than a stretched range. Otherwise
        // q = round((x − inter) / slope) spans −32767..32767; NIfTI readers show q · slope + inter.
        var exact = integral && min >= short.MinValue && max <= short.MaxValue;
        var slope = exact ? 1.0 : max > min ? (max - min) / 65534.0 : 1.0;
        var inter = exact ? 0.0 : min + (32767 * slope);
        var quantized = new short[values.Length];
        var span = values.Span;
        for (var i = 0; i < span.Length; i++)
        {
            var x = float.IsFinite(span[i]) ? span[i] : min;
            quantized[i] = (short)Math.Clamp(Math.Round((x - inter) / slope), short.MinValue, short.MaxValue);
        }

        var header = NiftiHeaderEncoder.Encode(scan.Geometry, 1, NiftiDataType.Int16, 0, VolumeWriteOptions.Default, (float)slope, (float)inter);
        return await EncodeAsync(header, stream =>
            VoxelStreamWriter.WriteAsync<short>(stream, quantized, scan.Shape, 1, interleaved: false, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Encodes a label map as uint8 NIfTI (gz) with intent LABEL.</summary>
    public static Task<byte[]> EncodeLabelsAsync(LabelVolume labels, CancellationToken cancellationToken)
    {
        var header = NiftiHeaderEncoder.Encode(labels.Geometry, 1, NiftiDataType.UInt8, NiftiHeaderEncoder.IntentLabel, VolumeWriteOptions.Default);
        return EncodeAsync(header, stream =>
            VoxelStreamWriter.WriteAsync<byte>(stream, labels.Labels, labels.Shape, 1, interleaved: false, cancellationToken));
    }

    /// <summary>The outline of every class: voxels of a label with a 6-neighbour of another label (or the grid's edge)
    /// keep their label, the rest become 0. Drawn over the filled prediction, it shows where the reference's borders are.</summary>
    public static LabelVolume Outline(LabelVolume labels)
    {
        var source = labels.Labels.Span;
        var outline = new byte[source.Length];
        var mask = new byte[source.Length];
        var surface = new byte[source.Length];
        for (var value = 1; value <= byte.MaxValue; value++)
        {
            if (source.IndexOf((byte)value) < 0)
            {
                continue;
            }

            for (var i = 0; i < source.Length; i++)
            {
                mask[i] = source[i] == value ? (byte)1 : (byte)0;
            }

            SurfaceVoxels.Find(mask, labels.Shape, surface);
            for (var i = 0; i < source.Length; i++)
            {
                if (surface[i] != 0)
                {
                    outline[i] = (byte)value;
                }
            }
        }

        return new LabelVolume(labels.Geometry, outline);
    }

    /// <summary>Where the viewer's crosshair starts: the foreground voxel nearest to the centroid of the mask's
    /// foreground (the centroid itself when it is foreground), or null for an empty mask.</summary>
    /// <remarks>The nearest foreground voxel, not the bare centroid: the centroid of two lesions or of a ring lies in
    /// background, and the first view should show the segmentation.</remarks>
    public static (int X, int Y, int Z)? Focus(LabelVolume mask)
    {
        double sx = 0, sy = 0, sz = 0;
        long count = 0;
        ForEachForeground(mask, (x, y, z) =>
        {
            sx += x;
            sy += y;
            sz += z;
            count++;
        });
        if (count == 0)
        {
            return null;
        }

        double cx = sx / count, cy = sy / count, cz = sz / count;
        var best = (X: 0, Y: 0, Z: 0);
        var bestDistance = double.PositiveInfinity;
        ForEachForeground(mask, (x, y, z) =>
        {
            var d = ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) + ((z - cz) * (z - cz));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = (x, y, z);
            }
        });
        return best;
    }

    private static void ForEachForeground(LabelVolume mask, Action<int, int, int> visit)
    {
        var shape = mask.Shape;
        var labels = mask.Labels.Span;
        var i = 0;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++, i++)
                {
                    if (labels[i] != 0)
                    {
                        visit(x, y, z);
                    }
                }
            }
        }
    }

    private static async Task<byte[]> EncodeAsync(byte[] header, Func<Stream, Task> writeVoxels)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(header).ConfigureAwait(false);
            await writeVoxels(gzip).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    private static (double Min, double Max, bool Integral) FiniteRange(ReadOnlySpan<float> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var integral = true;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                integral &= v == MathF.Round(v);
            }
        }

        return double.IsFinite(min) ? (min, max, integral) : (0, 0, true);
    }
}
