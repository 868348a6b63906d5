// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Patches;

/// <summary>
/// Gathers OSS-Net's local patches for a set of query voxels of one full-resolution volume, vectorised on tensors.
/// </summary>
/// <remarks>
/// <para><b>Small patch</b> (see docs/models/oss-net.md): the 7³ neighbourhood centred on the voxel, zero-padded by 3 → [C, 7, 7, 7].</para>
/// <para><b>Large patch</b>: the 14³ window at offsets −7…+6 (zero padding 7 before, 6 after), reduced by 2×2×2 pooling to
/// [C, 7, 7, 7]. Pooled cell a of that window covers voxels p − 7 + 2a + {0, 1} per axis, so it equals a stride-1 2×2×2
/// pooling map of the padded volume sampled at p − 7 + 2a. That map is computed once per volume, and each large patch is
/// then a dilated 7³ gather: the 14³ windows are never materialised (8× less memory than cutting them out).</para>
/// <para>The large patch follows the small one on the channel axis → [N, 2C, 7, 7, 7]. Construction precomputes the padded
/// volume (and pooled map); <see cref="Gather"/> costs one <c>index_select</c> per patch kind.</para>
/// </remarks>
public sealed class PatchExtractor : IDisposable
{
    /// <summary>Edge length of a (pooled) patch.</summary>
    public const int PatchSize = 7;

    private const int SmallPad = 3;
    private const int LargePad = 7;

    private readonly Tensor? _smallSource; // [C, (X+6)·(Y+6)·(Z+6)]
    private readonly Tensor? _smallOffsets; // [343] linear offsets into the padded small volume
    private readonly Tensor? _largeSource; // [C, (X+14)·(Y+14)·(Z+14)] pooled map, flattened
    private readonly Tensor? _largeOffsets; // [343] linear offsets (stride 2) into the pooled map
    private readonly long[] _smallStrides;
    private readonly long[] _largeStrides;

    /// <summary>Prepares patch gathering from <paramref name="volume"/> ([C, X, Y, Z], float32, any device; not retained).</summary>
    /// <param name="volume">The full-resolution, normalised volume.</param>
    /// <param name="smallPatches">Whether to gather 7³ patches.</param>
    /// <param name="largePatches">Whether to gather pooled 14³ patches.</param>
    /// <param name="pooling">How large patches are pooled.</param>
    public PatchExtractor(Tensor volume, bool smallPatches, bool largePatches, LargePatchPooling pooling = LargePatchPooling.Average)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (volume.dim() != 4)
        {
            throw new ArgumentException($"Expected a [C, X, Y, Z] volume; got [{string.Join(", ", volume.shape)}].", nameof(volume));
        }

        if (!smallPatches && !largePatches)
        {
            throw new ArgumentException("At least one of small or large patches must be requested.", nameof(smallPatches));
        }

        Channels = volume.shape[0];
        Shape = (volume.shape[1], volume.shape[2], volume.shape[3]);
        SmallPatches = smallPatches;
        LargePatches = largePatches;
        Pooling = pooling;
        var device = volume.device;

        // The extractor owns what it keeps: detached from every dispose scope (a caller's scope must not free them while the
        // extractor lives), released by Dispose.
        using var scope = torch.NewDisposeScope();
        _smallStrides = Strides(Shape, 2 * SmallPad);
        _largeStrides = Strides(Shape, 2 * LargePad);
        if (smallPatches)
        {
            var padded = nn.functional.pad(volume, [SmallPad, SmallPad, SmallPad, SmallPad, SmallPad, SmallPad]);
            _smallSource = padded.reshape(Channels, -1).contiguous().DetachFromDisposeScope();
            _smallOffsets = Offsets(_smallStrides, step: 1, device).DetachFromDisposeScope();
        }

        if (largePatches)
        {
            // Pad 7 before and 7 after (one more than the window needs) so the stride-1 2×2×2 pooling keeps the padded size − 1 = X + 13,
            // then pad one zero plane at the far end again so strides stay (X + 14)-based and every gather index is in range.
            var padded = nn.functional.pad(volume, [LargePad, LargePad, LargePad, LargePad, LargePad, LargePad]).unsqueeze(0);
            var pooled = pooling == LargePatchPooling.Average
                ? nn.functional.avg_pool3d(padded, [2, 2, 2], [1, 1, 1])
                : nn.functional.max_pool3d(padded, [2, 2, 2], [1, 1, 1]);
            pooled = nn.functional.pad(pooled.squeeze(0), [0, 1, 0, 1, 0, 1]);
            _largeSource = pooled.reshape(Channels, -1).contiguous().DetachFromDisposeScope();
            _largeOffsets = Offsets(_largeStrides, step: 2, device).DetachFromDisposeScope();
        }
    }

    /// <summary>Gets the number of image channels C.</summary>
    public long Channels { get; }

    /// <summary>Gets the spatial shape (X, Y, Z) of the volume.</summary>
    public (long X, long Y, long Z) Shape { get; }

    /// <summary>Gets a value indicating whether small patches are gathered.</summary>
    public bool SmallPatches { get; }

    /// <summary>Gets a value indicating whether large patches are gathered.</summary>
    public bool LargePatches { get; }

    /// <summary>Gets how large patches are pooled.</summary>
    public LargePatchPooling Pooling { get; }

    /// <summary>Gets the number of channels of a gathered patch: C per patch kind.</summary>
    public long PatchChannels => Channels * ((SmallPatches ? 1 : 0) + (LargePatches ? 1 : 0));

    /// <summary>Gathers the patches of <paramref name="coordinates"/>.</summary>
    /// <param name="coordinates">[N, 3] integer (int64 or int32) or float voxel indices (x, y, z) inside the volume, on the volume's device.</param>
    /// <returns>[N, <see cref="PatchChannels"/>, 7, 7, 7] float32; the caller owns it.</returns>
    public Tensor Gather(Tensor coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.dim() != 2 || coordinates.shape[1] != 3)
        {
            throw new ArgumentException($"Expected [N, 3] coordinates; got [{string.Join(", ", coordinates.shape)}].", nameof(coordinates));
        }

        using var scope = torch.NewDisposeScope();
        var points = coordinates.to(ScalarType.Int64);
        var n = points.shape[0];
        var parts = new List<Tensor>(2);
        if (_smallSource is not null)
        {
            // Padded index of the window's first voxel is (p − 3) + 3 = p.
            parts.Add(GatherFrom(_smallSource, _smallOffsets!, Linear(points, _smallStrides), n));
        }

        if (_largeSource is not null)
        {
            // Pooled-map index of the window's first cell is (p − 7) + 7 = p.
            parts.Add(GatherFrom(_largeSource, _largeOffsets!, Linear(points, _largeStrides), n));
        }

        var result = parts.Count == 1 ? parts[0] : torch.cat(parts, dim: 1);
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _smallSource?.Dispose();
        _smallOffsets?.Dispose();
        _largeSource?.Dispose();
        _largeOffsets?.Dispose();
    }

    private Tensor GatherFrom(Tensor source, Tensor offsets, Tensor starts, long n)
    {
        var index = (starts.unsqueeze(1) + offsets.unsqueeze(0)).reshape(-1); // [N·343]
        var values = source.index_select(1, index); // [C, N·343]
        return values.reshape(Channels, n, PatchSize, PatchSize, PatchSize).transpose(0, 1).contiguous();
    }

    private static Tensor Linear(Tensor points, long[] strides)
    {
        var x = points[.., 0];
        var y = points[.., 1];
        var z = points[.., 2];
        return (x * strides[0]) + (y * strides[1]) + z;
    }

    private static long[] Strides((long X, long Y, long Z) shape, int padding) =>
        [(shape.Y + padding) * (shape.Z + padding), shape.Z + padding, 1];

    private static Tensor Offsets(long[] strides, int step, Device device)
    {
        var offsets = new long[PatchSize * PatchSize * PatchSize];
        var i = 0;
        for (var a = 0; a < PatchSize; a++)
        {
            for (var b = 0; b < PatchSize; b++)
            {
                for (var c = 0; c < PatchSize; c++)
                {
                    offsets[i++] = (step * a * strides[0]) + (step * b * strides[1]) + (step * c);
                }
            }
        }

        return torch.tensor(offsets, device: device);
    }
}
