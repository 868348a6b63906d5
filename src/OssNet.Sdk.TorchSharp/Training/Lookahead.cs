// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>Lookahead (Zhang et al. 2019) around any TorchSharp optimizer, as torch_optimizer's, used by the reference (k = 5, α = 0.8).</summary>
/// <remarks>
/// After the inner step number 1, 1 + k, 1 + 2k, … the slow weights move towards the fast ones,
/// <c>slow ← α·fast + (1 − α)·slow</c>, and the fast weights are reset to them. The slow weights are created from the
/// fast weights after the first step (so that first synchronisation changes nothing). The learning rate schedule acts on
/// the inner optimizer.
/// </remarks>
public sealed class Lookahead : IDisposable
{
    private readonly List<Parameter> _parameters;
    private readonly List<Tensor> _slow = [];
    private readonly int _k;
    private readonly double _alpha;

    /// <summary>Wraps <paramref name="inner"/>; Lookahead takes ownership of it.</summary>
    /// <param name="inner">The fast optimizer (e.g. RAdam).</param>
    /// <param name="parameters">The parameters <paramref name="inner"/> updates.</param>
    /// <param name="k">Synchronisation period; the reference uses 5.</param>
    /// <param name="alpha">Slow step size; the reference uses 0.8.</param>
    public Lookahead(optim.Optimizer inner, IEnumerable<Parameter> parameters, int k = 5, double alpha = 0.8)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (!(alpha > 0 && alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Lookahead alpha must be in (0, 1].");
        }

        Inner = inner;
        _parameters = parameters.ToList();
        _k = k;
        _alpha = alpha;
    }

    /// <summary>Gets the wrapped optimizer (for learning-rate schedules and state saving).</summary>
    public optim.Optimizer Inner { get; }

    /// <summary>Gets the number of steps taken.</summary>
    public long StepCount { get; private set; }

    /// <summary>Clears the gradients.</summary>
    public void ZeroGrad() => Inner.zero_grad();

    /// <summary>Takes one inner step, then synchronises when due.</summary>
    public void Step()
    {
        Inner.step();
        StepCount++;
        if ((StepCount - 1) % _k != 0)
        {
            return;
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope(); // the detached views and differences below are temporaries
        if (_slow.Count == 0)
        {
            foreach (var p in _parameters)
            {
                _slow.Add(p.detach().clone().DetachFromDisposeScope());
            }

            return;
        }

        for (var i = 0; i < _parameters.Count; i++)
        {
            // slow ← slow + α(fast − slow); fast ← slow
            _slow[i].add_(_parameters[i].detach() - _slow[i], alpha: _alpha);
            _parameters[i].detach().copy_(_slow[i]);
        }
    }

    /// <summary>Writes the step count and slow weights (the inner optimizer's state is saved separately).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StepCount);
        writer.Write(_slow.Count);
        foreach (var s in _slow)
        {
            s.Save(writer);
        }
    }

    /// <summary>Restores what <see cref="Save"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The saved state does not match the parameters.</exception>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        StepCount = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count != 0 && count != _parameters.Count)
        {
            throw new InvalidDataException($"The checkpoint holds {count} Lookahead slow weights; the model has {_parameters.Count} parameters.");
        }

        DisposeSlow();
        using var scope = torch.NewDisposeScope();
        for (var i = 0; i < count; i++)
        {
            var slow = _parameters[i].detach().clone().DetachFromDisposeScope();
            slow.Load(reader);
            _slow.Add(slow);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        DisposeSlow();
        Inner.Dispose();
    }

    private void DisposeSlow()
    {
        foreach (var s in _slow)
        {
            s.Dispose();
        }

        _slow.Clear();
    }
}
