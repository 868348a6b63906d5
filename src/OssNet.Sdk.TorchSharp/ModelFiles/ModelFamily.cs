// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace OssNet.Sdk.TorchSharp.ModelFiles;

/// <summary>The model families the SDK trains and segments with; the names are the CLI's (<c>--family</c>) and the model file's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelFamily>))]
public enum ModelFamily
{
    /// <summary>OSS-Net A–D (<c>oss-net</c>).</summary>
    [JsonStringEnumMemberName("oss-net")]
    OssNet,

    /// <summary>The O-Net baseline (<c>o-net</c>): an occupancy network without patches.</summary>
    [JsonStringEnumMemberName("o-net")]
    ONet,

    /// <summary>The residual 3D U-Net baseline (<c>unet-3d</c>).</summary>
    [JsonStringEnumMemberName("unet-3d")]
    UNet3D,

    /// <summary>The residual 2D U-Net baseline, slice by slice (<c>unet-2d</c>).</summary>
    [JsonStringEnumMemberName("unet-2d")]
    UNet2D,
}

/// <summary>Names of <see cref="ModelFamily"/> values as the CLI and the model file spell them.</summary>
public static class ModelFamilies
{
    private static readonly (ModelFamily Family, string Name)[] s_names =
        [(ModelFamily.OssNet, "oss-net"), (ModelFamily.ONet, "o-net"), (ModelFamily.UNet3D, "unet-3d"), (ModelFamily.UNet2D, "unet-2d")];

    /// <summary>Gets every family name: <c>oss-net</c>, <c>o-net</c>, <c>unet-3d</c>, <c>unet-2d</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_names.Select(n => n.Name)];

    /// <summary>Returns the name of <paramref name="family"/>.</summary>
    public static string NameOf(ModelFamily family) => s_names.First(n => n.Family == family).Name;

    /// <summary>Parses a family name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No family has the name; the message lists them.</exception>
    public static ModelFamily Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (family, familyName) in s_names)
        {
            if (string.Equals(name, familyName, StringComparison.OrdinalIgnoreCase))
            {
                return family;
            }
        }

        throw new ArgumentException($"'{name}' is not a model family; use one of {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Returns whether the family is an occupancy network (OSS-Net or O-Net).</summary>
    public static bool IsOccupancy(this ModelFamily family) => family is ModelFamily.OssNet or ModelFamily.ONet;
}
