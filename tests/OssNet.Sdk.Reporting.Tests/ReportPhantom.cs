// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Tests;

/// <summary>A small synthetic report: a grey ellipsoid "organ" with two classes (an outer lesion shell and a core),
/// predictions that are shifted copies of the references, and metrics per class and per case.</summary>
internal static class ReportPhantom
{
    public static readonly LabelSet Labels = new([new(0, "background"), new(1, "oedema"), new(2, "necrotic core")]);

    public static HtmlReportModel Create(int caseCount = 3, string? firstId = null)
    {
        var cases = new List<HtmlReportCase>();
        for (var i = 0; i < caseCount; i++)
        {
            var geometry = VolumeGeometry.Create(new VolumeShape(48, 44, 40), 1.0, 1.0, 1.5);
            var scan = Scan(geometry, seed: i);
            var reference = Lesion(geometry, centre: (24, 22, 20), radius: 9 + i, core: 4);
            var prediction = Lesion(geometry, centre: (24 + 2 + i, 22, 20), radius: 9 + i, core: 4);
            cases.Add(new HtmlReportCase
            {
                Id = i == 0 && firstId is not null ? firstId : $"case_{i:00}",
                Scan = scan,
                Prediction = prediction,
                Reference = reference,
                Metrics =
                [
                    new("Dice", 0.9 - (0.11 * i), "oedema"),
                    new("Dice", 0.7 + (0.05 * i), "necrotic core"),
                    new("HD95 (mm)", 2.5 + i, "oedema"),
                    new("HD95 (mm)", i == 1 ? null : 1.25 * (i + 1), "necrotic core"),
                    new("seconds", 0.4 + (0.1 * i)),
                ],
            });
        }

        return new HtmlReportModel { Title = "Phantom report", Description = "synthetic phantom, 2 classes", Labels = Labels, Cases = cases };
    }

    private static Volume Scan(VolumeGeometry geometry, int seed)
    {
        var volume = Volume.Zeros(geometry);
        var random = new Random(seed);
        var s = geometry.Shape;
        for (var x = 0; x < s.X; x++)
        {
            for (var y = 0; y < s.Y; y++)
            {
                for (var z = 0; z < s.Z; z++)
                {
                    var r = Math.Pow((x - 24) / 20.0, 2) + Math.Pow((y - 22) / 18.0, 2) + Math.Pow((z - 20) / 16.0, 2);
                    volume[0, x, y, z] = (float)((r < 1 ? 400 + (200 * (1 - r)) : 20) + (random.NextDouble() * 30));
                }
            }
        }

        return volume;
    }

    private static LabelVolume Lesion(VolumeGeometry geometry, (int X, int Y, int Z) centre, int radius, int core)
    {
        var labels = LabelVolume.Zeros(geometry);
        var s = geometry.Shape;
        for (var x = 0; x < s.X; x++)
        {
            for (var y = 0; y < s.Y; y++)
            {
                for (var z = 0; z < s.Z; z++)
                {
                    var d = Math.Sqrt(Math.Pow(x - centre.X, 2) + Math.Pow(y - centre.Y, 2) + Math.Pow(z - centre.Z, 2));
                    labels[x, y, z] = d <= core ? (byte)2 : d <= radius ? (byte)1 : (byte)0;
                }
            }
        }

        return labels;
    }
}
