// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.TorchSharp.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>Turns a device name from options (<c>cpu</c>, <c>auto</c>, <c>cuda</c>, <c>cuda:N</c>) into a TorchSharp device.</summary>
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
        var lower = name.Trim().ToLowerInvariant();
        TorchBackend.EnsureLoaded();
        if (lower == "cpu")
        {
            return torch.CPU;
        }

        if (lower == "auto")
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }

        if (lower != "cuda" && !lower.StartsWith("cuda:", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a device; use 'cpu', 'auto', 'cuda' or 'cuda:N'.", nameof(name));
        }

        var index = lower == "cuda" ? 0 : int.Parse(lower.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
        if (!torch.cuda.is_available())
        {
            throw new InvalidOperationException(
                $"Device '{name}' was requested, but CUDA is not available: the application needs a CUDA backend package (instead of a CPU one), " +
                "an NVIDIA driver and a GPU. Use 'auto' to fall back to the CPU.");
        }

        var count = torch.cuda.device_count();
        return index < count
            ? torch.device(DeviceType.CUDA, index)
            : throw new InvalidOperationException($"Device '{name}' was requested, but only {count} CUDA device(s) are visible.");
    }
}
