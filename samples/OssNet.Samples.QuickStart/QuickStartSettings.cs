// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Samples.QuickStart;

/// <summary>The sample's budget: the full run (a few minutes on two cores) or <c>--smoke</c> (seconds, for CI).</summary>
/// <param name="Smoke">Whether this is the smoke budget.</param>
/// <param name="TrainingCases">Synthetic training cases.</param>
/// <param name="Epochs">Epochs.</param>
/// <param name="PointsPerVolume">Points sampled per volume and step.</param>
/// <param name="OutputDirectory">Where the weights, the NIfTI files and the PNG go.</param>
internal sealed record QuickStartSettings(bool Smoke, int TrainingCases, int Epochs, int PointsPerVolume, string OutputDirectory)
{
    public static QuickStartSettings Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var output = Path.Combine("artifacts", "quickstart");
        int? epochs = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--epochs" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var e) && e > 0:
                    epochs = e;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: QuickStart [--smoke] [--epochs N] [--output DIR]");
            }
        }

        return smoke
            ? new QuickStartSettings(true, TrainingCases: 2, Epochs: epochs ?? 1, PointsPerVolume: 256, Path.GetFullPath(output))
            : new QuickStartSettings(false, TrainingCases: 8, Epochs: epochs ?? 24, PointsPerVolume: 2048, Path.GetFullPath(output));
    }
}
