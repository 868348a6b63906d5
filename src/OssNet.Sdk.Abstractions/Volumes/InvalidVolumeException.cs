// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>A volume file or a case is malformed or unsupported; the message names the file and the reason.</summary>
public class InvalidVolumeException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public InvalidVolumeException()
        : base("The volume is invalid.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public InvalidVolumeException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the underlying failure.</summary>
    public InvalidVolumeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for <paramref name="path"/> and <paramref name="reason"/>.</summary>
    /// <param name="path">The file (or case) that is invalid.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public InvalidVolumeException(string path, string reason, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Gets the file or case that is invalid, when known.</summary>
    public string? Path { get; }

    /// <summary>Gets what is wrong, without the path.</summary>
    public string? Reason { get; }
}
