// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Devices;
using static TorchSharp.torch;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>Turns a device name from options (<c>cpu</c>, <c>auto</c>, <c>cuda</c>, <c>cuda:N</c>) into a TorchSharp device
/// (<see cref="DeviceOption.Parse"/>, then <see cref="DeviceSelector.Resolve(DeviceOption)"/>).</summary>
public static class DeviceNames
{
    /// <summary>The pattern every device name matches (case-insensitive).</summary>
    public const string Pattern = "^(?i:cpu|auto|cuda(:[0-9]{1,2})?)$";

    /// <summary>The validation message of a device name that does not match <see cref="Pattern"/>.</summary>
    public const string ErrorMessage = "The field {0} must be 'cpu', 'auto', 'cuda' or 'cuda:N'.";

    /// <summary>Resolves a device name against the loaded backend.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The device.</returns>
    /// <exception cref="ArgumentException">The name is not a device name.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not available, or the index is out of range.</exception>
    public static Device Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        DeviceOption option;
        try
        {
            option = DeviceOption.Parse(name);
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, nameof(name), e);
        }

        return DeviceSelector.Resolve(option);
    }
}
