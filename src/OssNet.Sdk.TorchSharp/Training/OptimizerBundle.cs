// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>The optimizer the trainer drives — plain or wrapped in <see cref="Lookahead"/> — with one learning-rate knob and state IO.</summary>
public sealed class OptimizerBundle : IDisposable
{
    private readonly optim.Optimizer _inner;
    private readonly Lookahead? _lookahead;

    private OptimizerBundle(optim.Optimizer inner, Lookahead? lookahead)
    {
        _inner = inner;
        _lookahead = lookahead;
    }

    /// <summary>Builds the optimizer of <paramref name="kind"/> over <paramref name="parameters"/>.</summary>
    public static OptimizerBundle Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.Where(p => p.requires_grad).ToList();
        return kind switch
        {
            OptimizerKind.Adam => new OptimizerBundle(optim.Adam(list, learningRate), null),
            OptimizerKind.LookaheadRAdam => CreateLookahead(list, learningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };
    }

    /// <summary>Gets or sets the learning rate of every parameter group.</summary>
    public double LearningRate
    {
        get => _inner.ParamGroups.First().LearningRate;
        set
        {
            foreach (var group in _inner.ParamGroups)
            {
                group.LearningRate = value;
            }
        }
    }

    /// <summary>Clears the gradients.</summary>
    public void ZeroGrad() => _inner.zero_grad();

    /// <summary>Takes one optimisation step.</summary>
    public void Step()
    {
        if (_lookahead is not null)
        {
            _lookahead.Step();
        }
        else
        {
            _inner.step();
        }
    }

    /// <summary>Writes the optimizer state.</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ((OptimizerHelper)_inner).save_state_dict(writer);
        writer.Write(_lookahead is not null);
        _lookahead?.Save(writer);
    }

    /// <summary>Restores the optimizer state written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The state was written for the other optimizer kind.</exception>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ((OptimizerHelper)_inner).load_state_dict(reader);
        var hasLookahead = reader.ReadBoolean();
        if (hasLookahead != (_lookahead is not null))
        {
            throw new InvalidDataException("The checkpoint's optimizer kind differs from the configured one.");
        }

        _lookahead?.Load(reader);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_lookahead is not null)
        {
            _lookahead.Dispose(); // disposes the inner optimizer too
        }
        else
        {
            _inner.Dispose();
        }
    }

    private static OptimizerBundle CreateLookahead(List<Parameter> parameters, double learningRate)
    {
        var radam = optim.RAdam(parameters, learningRate);
        return new OptimizerBundle(radam, new Lookahead(radam, parameters));
    }
}
