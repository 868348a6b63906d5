// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>Dense prediction of a 3D network over a volume, whole or in overlapping windows with blending.</summary>
/// <remarks>
/// Windows are placed on a regular grid with step ⌈window·(1 − overlap)⌉, the last one flush with the far edge.
/// The output and weight accumulators live on the CPU in float32 (one value per voxel each), so only one window's
/// activations sit on the model's device at a time.
/// </remarks>
public sealed class SlidingWindowInferer
{
    private readonly SlidingWindowInfererOptions _options;

    /// <summary>Initializes a new inferer.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SlidingWindowInferer(SlidingWindowInfererOptions? options = null)
    {
        _options = options ?? new SlidingWindowInfererOptions();
        _options.Validate();
    }

    /// <summary>Predicts foreground probabilities for <paramref name="volume"/>.</summary>
    /// <param name="predictProbabilities">Maps a [1, C, x, y, z] window (on the model's device) to [1, 1, x, y, z] probabilities.</param>
    /// <param name="volume">The volume [C, X, Y, Z] (CPU or device).</param>
    /// <param name="device">The model's device; windows are moved there.</param>
    /// <param name="cancellationToken">Checked between windows.</param>
    /// <returns>[X, Y, Z] float32 probabilities on the CPU; the caller owns them.</returns>
    public Tensor Run(Func<Tensor, Tensor> predictProbabilities, Tensor volume, Device? device = null, CancellationToken cancellationToken = default)
    {
        using var scope = torch.NewDisposeScope();
        return Run(predictProbabilities, volume, channels: 1, device, cancellationToken)[0].MoveToOuterDisposeScope();
    }

    /// <summary>Predicts <paramref name="channels"/> probability maps (e.g. the softmax of an N-class network) for <paramref name="volume"/>.</summary>
    /// <param name="predictProbabilities">Maps a [1, C, x, y, z] window (on the model's device) to [1, <paramref name="channels"/>, x, y, z] probabilities.</param>
    /// <param name="volume">The volume [C, X, Y, Z] (CPU or device).</param>
    /// <param name="channels">The channels the prediction has.</param>
    /// <param name="device">The model's device; windows are moved there.</param>
    /// <param name="cancellationToken">Checked between windows.</param>
    /// <returns>[<paramref name="channels"/>, X, Y, Z] float32 probabilities on the CPU, each channel blended like
    /// <see cref="Run(Func{Tensor, Tensor}, Tensor, Device?, CancellationToken)"/>'s; the caller owns them.</returns>
    public Tensor Run(Func<Tensor, Tensor> predictProbabilities, Tensor volume, int channels, Device? device = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictProbabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.dim() != 4)
        {
            throw new ArgumentException($"Expected a [C, X, Y, Z] volume; got [{string.Join(", ", volume.shape)}].", nameof(volume));
        }

        device ??= volume.device;
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        long[] size = [volume.shape[1], volume.shape[2], volume.shape[3]];
        var window = _options.WindowShape is { } w
            ? new[] { Math.Min(w.X, size[0]), Math.Min(w.Y, size[1]), Math.Min(w.Z, size[2]) }
            : size;
        var output = torch.zeros([channels, size[0], size[1], size[2]], ScalarType.Float32);
        var weights = torch.zeros(size, ScalarType.Float32);
        var importance = _options.GaussianBlending && !window.SequenceEqual(size) ? GaussianImportance(window) : torch.ones(window);

        foreach (var sx in Starts(size[0], window[0]))
        {
            foreach (var sy in Starts(size[1], window[1]))
            {
                foreach (var sz in Starts(size[2], window[2]))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var windowScope = torch.NewDisposeScope();
                    var input = volume[.., TensorIndex.Slice(sx, sx + window[0]), TensorIndex.Slice(sy, sy + window[1]), TensorIndex.Slice(sz, sz + window[2])]
                        .unsqueeze(0).to(device);
                    var p = predictProbabilities(input).reshape(channels, window[0], window[1], window[2]).to(ScalarType.Float32).cpu();
                    var region = (TensorIndex.Slice(sx, sx + window[0]), TensorIndex.Slice(sy, sy + window[1]), TensorIndex.Slice(sz, sz + window[2]));
                    output[.., region.Item1, region.Item2, region.Item3].add_(p * importance);
                    weights[region.Item1, region.Item2, region.Item3].add_(importance);
                }
            }
        }

        return output.div_(weights).MoveToOuterDisposeScope();
    }

    private IEnumerable<long> Starts(long size, long window)
    {
        if (window >= size)
        {
            yield return 0;
            yield break;
        }

        var step = Math.Max(1, (long)Math.Ceiling(window * (1 - _options.Overlap)));
        long start = 0;
        for (; start + window < size; start += step)
        {
            yield return start;
        }

        yield return size - window;
    }

    private static Tensor GaussianImportance(long[] window)
    {
        Tensor Axis(long n)
        {
            var centre = (n - 1) / 2.0;
            var sigma = Math.Max(n / 8.0, 1e-3);
            var x = torch.arange(n, dtype: ScalarType.Float32) - centre;
            return torch.exp(-(x * x) / (2 * sigma * sigma));
        }

        var g = Axis(window[0]).reshape(-1, 1, 1) * Axis(window[1]).reshape(1, -1, 1) * Axis(window[2]).reshape(1, 1, -1);
        // Keep every weight positive so each voxel is covered even at window corners.
        return g.clamp_min(1e-3);
    }
}
