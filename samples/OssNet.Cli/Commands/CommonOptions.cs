// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;

namespace OssNet.Cli.Commands;

/// <summary>Options every command shares.</summary>
internal static class CommonOptions
{
    /// <summary>--smoke: a tiny synthetic budget (CI); recursive, so it can follow any command.</summary>
    public static Option<bool> Smoke { get; } = new("--smoke")
    {
        Description = "Run a tiny synthetic budget (seconds; for CI) instead of the given data and sizes",
        Recursive = true,
    };
}
