// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks;

/// <summary>One benchmark command of the runner (e.g. "nifti-read"). Add a class and register it in Program.cs.</summary>
internal interface IBenchmarkCommand
{
    /// <summary>Gets the command name used on the command line.</summary>
    string Name { get; }

    /// <summary>Gets a one-line description for the usage text.</summary>
    string Description { get; }

    /// <summary>Gets the usage of the command's options.</summary>
    string Options { get; }

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
