// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;

namespace OssNet.Sdk.TorchSharp.Serialization;

/// <summary>Thrown when a weights file does not fit a model: keys are missing or unexpected, or shapes differ.</summary>
public sealed class StateDictionaryMismatchException : Exception
{
    private const int ListedKeys = 8;

    /// <summary>Initializes a new instance with a default message.</summary>
    public StateDictionaryMismatchException()
        : this("The weights do not fit the model.")
    {
    }

    /// <summary>Initializes a new instance with the given message.</summary>
    /// <param name="message">What does not fit.</param>
    public StateDictionaryMismatchException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance with the given message and cause.</summary>
    /// <param name="message">What does not fit.</param>
    /// <param name="innerException">The cause.</param>
    public StateDictionaryMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>Initializes a new instance describing the differences.</summary>
    /// <param name="path">The weights file.</param>
    /// <param name="missingKeys">Keys the model has and the file lacks.</param>
    /// <param name="unexpectedKeys">Keys the file has and the model lacks.</param>
    /// <param name="shapeMismatches">Keys present in both with different shapes: (key, model shape, file shape).</param>
    public StateDictionaryMismatchException(
        string path, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys, IReadOnlyList<(string Key, string Expected, string Actual)> shapeMismatches)
        : base(Describe(path, missingKeys, unexpectedKeys, shapeMismatches))
    {
        Path = path;
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        ShapeMismatches = shapeMismatches;
    }

    /// <summary>Gets the weights file.</summary>
    public string Path { get; }

    /// <summary>Gets the keys the model has and the file lacks.</summary>
    public IReadOnlyList<string> MissingKeys { get; } = [];

    /// <summary>Gets the keys the file has and the model lacks.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; } = [];

    /// <summary>Gets the keys whose shapes differ: (key, shape in the model, shape in the file).</summary>
    public IReadOnlyList<(string Key, string Expected, string Actual)> ShapeMismatches { get; } = [];

    private static string Describe(
        string path, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<(string Key, string Expected, string Actual)> shapes)
    {
        var text = new StringBuilder($"The weights in '{path}' do not fit the model.");
        if (shapes.Count > 0)
        {
            text.Append($" {shapes.Count} shape mismatch(es): ")
                .AppendJoin("; ", shapes.Take(ListedKeys).Select(s => $"'{s.Key}' is {s.Expected} in the model but {s.Actual} in the file"))
                .Append(shapes.Count > ListedKeys ? "; …." : ".");
        }

        if (missing.Count > 0)
        {
            text.Append($" {missing.Count} key(s) missing from the file: ")
                .AppendJoin(", ", missing.Take(ListedKeys).Select(k => $"'{k}'"))
                .Append(missing.Count > ListedKeys ? ", …." : ".");
        }

        if (unexpected.Count > 0)
        {
            text.Append($" {unexpected.Count} unexpected key(s) in the file: ")
                .AppendJoin(", ", unexpected.Take(ListedKeys).Select(k => $"'{k}'"))
                .Append(unexpected.Count > ListedKeys ? ", …." : ".");
        }

        text.Append(" Check that the file was saved from a model built with the same options (preset).");
        return text.ToString();
    }
}
