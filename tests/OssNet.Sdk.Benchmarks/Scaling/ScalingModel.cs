// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>The models the scaling sweep compares, by their command-line names.</summary>
internal static class ScalingModel
{
    public const string UNet3D = "unet3d";
    public const string UNet2D = "unet2d";
    public const string ONet = "onet";
    public const string OssNetA = "oss-a";
    public const string OssNetB = "oss-b";
    public const string OssNetC = "oss-c";
    public const string OssNetD = "oss-d";

    /// <summary>Gets every model name, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [UNet3D, UNet2D, ONet, OssNetA, OssNetB, OssNetC, OssNetD];

    /// <summary>Gets whether <paramref name="model"/> is an occupancy model (O-Net, OSS-Net A–D).</summary>
    public static bool IsOccupancy(string model) => model is ONet or OssNetA or OssNetB or OssNetC or OssNetD;

    /// <summary>Gets the name used in reports.</summary>
    public static string DisplayName(string model) => model switch
    {
        UNet3D => "3D residual U-Net",
        UNet2D => "2D residual U-Net",
        ONet => "O-Net",
        OssNetA => "OSS-Net A",
        OssNetB => "OSS-Net B",
        OssNetC => "OSS-Net C",
        OssNetD => "OSS-Net D",
        _ => model,
    };

    /// <summary>Checks a name.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static string Parse(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        return All.Contains(lower)
            ? lower
            : throw new ArgumentException($"Unknown model '{name}'. Known: {string.Join(", ", All)}.", nameof(name));
    }
}
