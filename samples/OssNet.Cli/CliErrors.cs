// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;

namespace OssNet.Cli;

/// <summary>Turns failures into one line on standard error and an exit code (no stack trace unless OSSNET_DEBUG=1).</summary>
internal static class CliErrors
{
    /// <summary>The exit code of a failure (bad input, missing files, invalid options).</summary>
    public const int Failure = 1;

    /// <summary>The exit code of a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>The exit code after Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>Reports the first parse error.</summary>
    public static int Usage(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = command is RootCommand ? "ossnet" : $"ossnet {command.Name}";
        Console.Error.WriteLine($"ossnet: error: {OneLine(string.Join("; ", parse.Errors.Select(e => e.Message)))} (see '{path} --help')");
        return UsageError;
    }

    /// <summary>Runs a command body, mapping exceptions to one line and an exit code.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("ossnet: cancelled");
            return Cancelled;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"ossnet: error: {OneLine(Describe(e))}");
            if (Environment.GetEnvironmentVariable("OSSNET_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return Failure;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        TypeInitializationException { InnerException: { } inner } => Describe(inner),
        _ => e.Message,
    };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
