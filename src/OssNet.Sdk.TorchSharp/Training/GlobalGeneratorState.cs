// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>
/// Runs a training step with TorchSharp's global generator set to a state derived from the step's seed, and puts the
/// previous state back afterwards.
/// </summary>
/// <remarks>
/// Dropout (<c>nn.Dropout</c>) draws from the global generator and cannot be given one. Seeding that generator with
/// <c>torch.manual_seed</c> would change it for the whole process, and that call is banned in the libraries. Swapping its state
/// for one step and restoring it afterwards seeds dropout per step, so a resumed run draws the same masks as an uninterrupted
/// one, and code outside the step does not see the change. Steps of two trainers running at the same time on different
/// threads would share the global generator; the trainer is not meant to be used that way.
/// </remarks>
internal sealed class GlobalGeneratorState : IDisposable
{
    private readonly torch.Generator _global;
    private readonly torch.Tensor _saved;

    private GlobalGeneratorState(ulong seed)
    {
        _global = torch.Generator.Default;
        _saved = _global.get_state().DetachFromDisposeScope();
        using var seeded = new torch.Generator(seed);
        using var state = seeded.get_state();
        _global.set_state(state);
    }

    /// <summary>Sets the global generator to the state a generator seeded with <paramref name="seed"/> starts in.</summary>
    public static GlobalGeneratorState Seed(ulong seed) => new(seed);

    /// <summary>Puts the global generator's previous state back.</summary>
    public void Dispose()
    {
        _global.set_state(_saved);
        _saved.Dispose();
        _global.Dispose();
    }
}
