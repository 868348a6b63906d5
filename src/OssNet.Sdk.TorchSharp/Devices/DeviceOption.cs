// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.TorchSharp.Devices;

/// <summary>Which device to run on: <see cref="Auto"/> (CUDA when available, else CPU), <see cref="Cpu"/> or <see cref="Cuda"/>.</summary>
/// <remarks>Resolve it with <see cref="DeviceSelector.Resolve(DeviceOption)"/>. Text form (for configuration):
/// <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</remarks>
public readonly record struct DeviceOption
{
    private DeviceOption(DeviceKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    /// <summary>The kinds of device choice.</summary>
    public enum DeviceKind
    {
        /// <summary>CUDA device 0 when a CUDA backend and GPU are available, else the CPU.</summary>
        Auto,

        /// <summary>The CPU.</summary>
        Cpu,

        /// <summary>A CUDA device by index.</summary>
        Cuda,
    }

    /// <summary>Gets CUDA device 0 when available, else the CPU.</summary>
    public static DeviceOption Auto { get; } = new(DeviceKind.Auto, 0);

    /// <summary>Gets the CPU.</summary>
    public static DeviceOption Cpu { get; } = new(DeviceKind.Cpu, 0);

    /// <summary>Gets the kind of choice.</summary>
    public DeviceKind Kind { get; }

    /// <summary>Gets the CUDA device index (0 unless <see cref="Kind"/> is <see cref="DeviceKind.Cuda"/>).</summary>
    public int Index { get; }

    /// <summary>Chooses a CUDA device.</summary>
    /// <param name="index">The device index, 0-based.</param>
    /// <returns>The option.</returns>
    public static DeviceOption Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new DeviceOption(DeviceKind.Cuda, index);
    }

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The option.</returns>
    /// <exception cref="FormatException">The text is none of those forms.</exception>
    public static DeviceOption Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToUpperInvariant();
        switch (value)
        {
            case "AUTO":
                return Auto;
            case "CPU":
                return Cpu;
            case "CUDA":
                return Cuda(0);
        }

        if (value.StartsWith("CUDA:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Cuda(index);
        }

        throw new FormatException($"'{text}' is not a device: use auto, cpu, cuda or cuda:N.");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DeviceKind.Auto => "auto",
        DeviceKind.Cpu => "cpu",
        _ => string.Create(CultureInfo.InvariantCulture, $"cuda:{Index}"),
    };
}
