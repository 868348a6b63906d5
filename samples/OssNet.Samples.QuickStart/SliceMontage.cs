// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;
using SkiaSharp;

namespace OssNet.Samples.QuickStart;

/// <summary>Renders axial slices of one image channel side by side, with a predicted mask (red) and a reference outline (green) on top.</summary>
internal static class SliceMontage
{
    /// <summary>Writes the montage as a PNG (atomically) and returns the number of slices drawn.</summary>
    /// <param name="path">The .png file.</param>
    /// <param name="image">The image; <paramref name="channel"/> is drawn in grey (1st–99th percentile window).</param>
    /// <param name="channel">The channel (FLAIR is 0 for the brain phantoms).</param>
    /// <param name="mask">The predicted mask on the image's grid.</param>
    /// <param name="reference">The ground truth, or null.</param>
    /// <param name="slices">How many axial (z) slices, evenly spread over the masks' extent.</param>
    /// <param name="scale">Pixels per voxel.</param>
    public static int WritePng(string path, Volume image, int channel, LabelVolume mask, LabelVolume? reference, int slices = 6, int scale = 4)
    {
        var shape = image.Shape;
        var values = image.Channel(channel).Span;
        var (low, high) = Window(values);
        var zs = ChooseSlices(mask, reference, slices);
        using var tile = new SKBitmap(shape.X, shape.Y, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var montage = new SKBitmap(zs.Length * shape.X * scale, shape.Y * scale, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(montage);
        canvas.Clear(SKColors.Black);
        for (var i = 0; i < zs.Length; i++)
        {
            var z = zs[i];
            for (var x = 0; x < shape.X; x++)
            {
                for (var y = 0; y < shape.Y; y++)
                {
                    var grey = (byte)Math.Clamp((values[(int)shape.IndexOf(x, y, z)] - low) / (high - low) * 255, 0, 255);
                    var color = new SKColor(grey, grey, grey);
                    if (mask[x, y, z] > 0)
                    {
                        color = new SKColor((byte)((grey + 255) / 2), (byte)(grey / 2), (byte)(grey / 2));
                    }

                    if (reference is not null && IsOutline(reference, x, y, z))
                    {
                        color = new SKColor(40, 230, 60);
                    }

                    // Anterior (+y) up, as radiology viewers show axial slices.
                    tile.SetPixel(x, shape.Y - 1 - y, color);
                }
            }

            var target = SKRect.Create(i * shape.X * scale, 0, shape.X * scale, shape.Y * scale);
            canvas.DrawBitmap(tile, target);
        }

        canvas.Flush();
        using var encoded = montage.Encode(SKEncodedImageFormat.Png, 100);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            encoded.SaveTo(stream);
        }

        File.Move(temporary, path, overwrite: true);
        return zs.Length;
    }

    private static (float Low, float High) Window(ReadOnlySpan<float> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var low = sorted[(int)(0.01 * (sorted.Length - 1))];
        var high = sorted[(int)(0.99 * (sorted.Length - 1))];
        return (low, high > low ? high : low + 1);
    }

    private static int[] ChooseSlices(LabelVolume mask, LabelVolume? reference, int count)
    {
        var shape = mask.Shape;
        int first = shape.Z, last = -1;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    if (mask[x, y, z] > 0 || (reference is not null && reference[x, y, z] > 0))
                    {
                        first = Math.Min(first, z);
                        last = Math.Max(last, z);
                    }
                }
            }
        }

        if (last < 0)
        {
            (first, last) = (0, shape.Z - 1);
        }

        count = Math.Min(count, last - first + 1);
        return [.. Enumerable.Range(0, count).Select(i => first + (int)Math.Round((i + 0.5) * (last - first + 1) / count - 0.5)).Distinct()];
    }

    private static bool IsOutline(LabelVolume labels, int x, int y, int z)
    {
        if (labels[x, y, z] == 0)
        {
            return false;
        }

        var shape = labels.Shape;
        return x == 0 || y == 0 || x == shape.X - 1 || y == shape.Y - 1
            || labels[x - 1, y, z] == 0 || labels[x + 1, y, z] == 0 || labels[x, y - 1, z] == 0 || labels[x, y + 1, z] == 0;
    }
}
