// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Serialization;

/// <summary>Lists a module's state in PyTorch's order.</summary>
/// <remarks>
/// PyTorch's <c>state_dict()</c> visits each module's own parameters, then its own persistent buffers, then its
/// children, depth first. TorchSharp's lists all parameters first and all buffers after, so the same keys come in
/// another order. Models whose keys mirror a reference checkpoint use this order so that their key lists — and the
/// files they write — read like the reference's.
/// </remarks>
public static class StateDictionaryOrder
{
    /// <summary>Enumerates (key, tensor) pairs of <paramref name="module"/>'s state in PyTorch's order.</summary>
    /// <param name="module">The module.</param>
    /// <returns>The module's own tensors (not copies), keyed as in its state dict.</returns>
    public static IEnumerable<(string Key, Tensor Tensor)> Enumerate(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Enumerate(module, string.Empty);
    }

    /// <summary>Builds a state dictionary in PyTorch's order (a <see cref="Dictionary{TKey, TValue}"/> keeps insertion order).</summary>
    /// <param name="module">The module.</param>
    /// <param name="destination">A dictionary to add to, or null for a new one.</param>
    /// <param name="prefix">A key prefix (without the trailing dot), or null.</param>
    /// <returns>The destination, holding the module's own tensors (not copies).</returns>
    public static Dictionary<string, Tensor> ToDictionary(Module module, Dictionary<string, Tensor>? destination = null, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        destination ??= [];
        var lead = string.IsNullOrEmpty(prefix) ? string.Empty : prefix + ".";
        foreach (var (key, tensor) in Enumerate(module, string.Empty))
        {
            destination.TryAdd(lead + key, tensor);
        }

        return destination;
    }

    private static IEnumerable<(string Key, Tensor Tensor)> Enumerate(Module module, string prefix)
    {
        foreach (var (name, parameter) in module.named_parameters(recurse: false))
        {
            yield return (prefix + name, parameter);
        }

        foreach (var (name, buffer) in module.named_buffers(recurse: false, include_nonpersistent: false))
        {
            yield return (prefix + name, buffer);
        }

        foreach (var (name, child) in module.named_children())
        {
            foreach (var entry in Enumerate(child, prefix + name + "."))
            {
                yield return entry;
            }
        }
    }
}
