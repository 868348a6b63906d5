// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Planning;

/// <summary>A plan file (or plan JSON) is missing, malformed, from a newer SDK, or holds inconsistent values; the message names the file and the problem.</summary>
public class InvalidDatasetPlanException : Exception
{
    /// <summary>Initializes a new instance with a default message.</summary>
    public InvalidDatasetPlanException()
        : base("The dataset plan is invalid.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    public InvalidDatasetPlanException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the underlying failure.</summary>
    public InvalidDatasetPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for <paramref name="path"/> and <paramref name="problem"/>.</summary>
    /// <param name="path">The plan file (or a name for the JSON text) that is invalid.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public InvalidDatasetPlanException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>Gets the plan file (or the name given for the JSON text), when known.</summary>
    public string? Path { get; }

    /// <summary>Gets what is wrong, without the path.</summary>
    public string? Problem { get; }
}
