// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.TorchSharp.Models.OssNet;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

/// <summary>One state-dict entry: key, shape and whether it is a trainable parameter.</summary>
internal sealed record StateEntry(string Key, string Shape, bool Trainable)
{
    public override string ToString() => $"{Key}\t{Shape}\t{(Trainable ? 1 : 0)}";
}

/// <summary>Reads the golden key lists dumped from the official OSS-Net code, and lists a model's entries the same way.</summary>
internal static class ReferenceStateDictionary
{
    /// <summary>Reads Models/ReferenceStateDicts/{config}.txt (copied to the test output).</summary>
    public static IReadOnlyList<StateEntry> Read(string configName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Models", "ReferenceStateDicts", configName + ".txt");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new StateEntry(parts[0], parts[1], parts[2] == "1"))
            .ToArray();
    }

    /// <summary>Lists the model's state-dict entries in its state-dict order.</summary>
    public static IReadOnlyList<StateEntry> Of(OssNetModel model)
    {
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToHashSet();
        return model.state_dict()
            .Select(entry => new StateEntry(
                entry.Key,
                "[" + string.Join(", ", entry.Value.shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]",
                trainable.Contains(entry.Key)))
            .ToArray();
    }
}
