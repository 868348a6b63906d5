// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Interop;

/// <summary>
/// Thrown when TorchSharp's native backend (libtorch and the LibTorchSharp shim) cannot be loaded.
/// The message names the cause that was found and how to fix it.
/// </summary>
public sealed class TorchBackendUnavailableException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public TorchBackendUnavailableException()
        : base("TorchSharp's native backend could not be loaded.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    public TorchBackendUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with the given message and the original failure.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    /// <param name="innerException">The exception TorchSharp raised.</param>
    public TorchBackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
