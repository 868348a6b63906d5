// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.ModelFiles;

/// <summary>A model file (<c>.ossnet</c>) or a checkpoint is malformed, incomplete or does not describe a model the SDK can
/// build; the message names the file and the problem.</summary>
public class InvalidModelFileException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public InvalidModelFileException()
        : base("The model file is invalid.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public InvalidModelFileException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the underlying failure.</summary>
    public InvalidModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for <paramref name="path"/> and <paramref name="problem"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public InvalidModelFileException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Gets the model file, when known.</summary>
    public string? Path { get; }

    /// <summary>Gets what is wrong, without the path.</summary>
    public string? Problem { get; }
}
