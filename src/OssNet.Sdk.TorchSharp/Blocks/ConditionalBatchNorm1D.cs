// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// Conditional batch normalisation of point features: <c>γ(z) ⊙ BN(x) + β(z)</c> with <c>γ = Wγ z + bγ</c>,
/// <c>β = Wβ z + bβ</c> predicted from the latent vector z of the point's volume.
/// </summary>
/// <remarks>
/// Reference code <c>oss_net/decoder.py: ConditionalBatchNorm1d</c>. The normalisation is a <c>BatchNorm1d</c> with a
/// single channel over <c>[B·N, 1, F]</c>: one scalar mean and variance over all points and features (not per feature
/// as in the original Occupancy Networks), without affine parameters, momentum 0.1, running statistics in eval mode.
/// γ/β start as the identity map (Wγ = Wβ = 0, bγ = 1, bβ = 0). The reference repeat-interleaves γ and β over the
/// points of each volume; this broadcasts over a [B, N, F] view instead, which gives the same values without
/// materialising the repeated tensors.
/// </remarks>
public sealed class ConditionalBatchNorm1D : Module<Tensor, Tensor, Tensor>
{
    private readonly Linear linear_gamma;
    private readonly Linear linear_beta;
    private readonly BatchNorm1d normalization;

    /// <summary>Initializes the layer.</summary>
    /// <param name="latentFeatures">Size L of the conditioning latent vector.</param>
    /// <param name="features">Number F of features to normalise.</param>
    public ConditionalBatchNorm1D(long latentFeatures, long features)
        : base(nameof(ConditionalBatchNorm1D))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latentFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        LatentFeatures = latentFeatures;
        Features = features;
        linear_gamma = Linear(latentFeatures, features, hasBias: true);
        linear_beta = Linear(latentFeatures, features, hasBias: true);
        normalization = BatchNorm1d(1, eps: 1e-5, momentum: 0.1, affine: false, track_running_stats: true);
        ResetParameters();
        RegisterComponents();
    }

    /// <summary>Gets the latent size L.</summary>
    public long LatentFeatures { get; }

    /// <summary>Gets the feature count F.</summary>
    public long Features { get; }

    /// <summary>Resets γ/β to the identity map: Wγ = Wβ = 0, bγ = 1, bβ = 0.</summary>
    public void ResetParameters()
    {
        using var noGrad = torch.no_grad();
        linear_gamma.weight!.zero_();
        linear_beta.weight!.zero_();
        linear_gamma.bias!.fill_(1.0);
        linear_beta.bias!.zero_();
    }

    /// <summary>Normalises and modulates point features.</summary>
    /// <param name="input">[B·N, 1, F], points grouped by volume (all N points of volume 0 first).</param>
    /// <param name="latent">[B, 1, L] (or [B, L]).</param>
    /// <returns>[B·N, 1, F]; the caller owns it.</returns>
    public override Tensor forward(Tensor input, Tensor latent)
    {
        TensorGuard.Rank(input, 3, nameof(input));
        TensorGuard.Dimension(input, 1, 1, nameof(input));
        TensorGuard.Dimension(input, 2, Features, nameof(input));
        TensorGuard.Dimension(latent, latent.dim() - 1, LatentFeatures, nameof(latent));
        var batch = latent.shape[0];
        var rows = input.shape[0];
        if (batch == 0 || rows % batch != 0)
        {
            throw new ArgumentException(
                $"The {rows} point rows cannot be split evenly over {batch} latent vector(s) (expected B·N rows for B = {batch}).", nameof(input));
        }

        using var scope = torch.NewDisposeScope();
        var gamma = linear_gamma.call(latent).reshape(batch, 1, Features);
        var beta = linear_beta.call(latent).reshape(batch, 1, Features);
        var normalized = normalization.call(input).reshape(batch, rows / batch, Features);
        return torch.addcmul(beta, gamma, normalized, value: 1).reshape(rows, 1, Features).MoveToOuterDisposeScope();
    }
}
