// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Devices;

/// <summary>Turns a <see cref="DeviceOption"/> into a TorchSharp <see cref="Device"/>.</summary>
/// <remarks>
/// Nothing in the SDK moves tensors or modules implicitly: resolve the device once, then move explicitly
/// (<c>model.to(device)</c>, <c>tensor.to(device)</c>). CUDA needs a CUDA backend package in the application
/// (see docs/devices.md); with only a CPU backend, <see cref="DeviceOption.Auto"/> resolves to the CPU.
/// </remarks>
public static class DeviceSelector
{
    /// <summary>Resolves the option against the loaded backend.</summary>
    /// <param name="option">The choice.</param>
    /// <returns>The device.</returns>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is unavailable, or the index is out of range.</exception>
    public static Device Resolve(DeviceOption option) =>
        Resolve(option, torch.cuda.is_available, torch.cuda.device_count);

    /// <summary>Resolves with injectable CUDA probes (for tests).</summary>
    internal static Device Resolve(DeviceOption option, Func<bool> cudaAvailable, Func<int> cudaDeviceCount)
    {
        TorchBackend.EnsureLoaded();
        switch (option.Kind)
        {
            case DeviceOption.DeviceKind.Cpu:
                return torch.CPU;
            case DeviceOption.DeviceKind.Auto:
                return cudaAvailable() ? torch.device(DeviceType.CUDA, 0) : torch.CPU;
            default:
                if (!cudaAvailable())
                {
                    throw new InvalidOperationException(
                        $"Device {option} was requested, but CUDA is not available: the application needs a CUDA backend package " +
                        "(TorchSharp-cuda-linux or TorchSharp-cuda-windows instead of TorchSharp-cpu), an NVIDIA driver and a GPU. " +
                        "Use DeviceOption.Auto to fall back to the CPU. See docs/devices.md.");
                }

                var count = cudaDeviceCount();
                if (option.Index >= count)
                {
                    throw new InvalidOperationException($"Device {option} was requested, but only {count} CUDA device(s) are visible.");
                }

                return torch.device(DeviceType.CUDA, option.Index);
        }
    }
}
