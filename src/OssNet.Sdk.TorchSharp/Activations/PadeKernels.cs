// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Activations;

/// <summary>How the Padé activation evaluates its forward and backward passes.</summary>
internal enum PadeComputePath
{
    /// <summary>The managed one-pass CPU kernels where they apply (CPU, float32/float64); tensor operations otherwise.</summary>
    Auto,

    /// <summary>Always a chain of in-place tensor operations (any device and floating dtype).</summary>
    TensorOperations,

    /// <summary>Always the managed CPU kernels; fails for tensors they cannot read.</summary>
    ManagedCpu,
}

/// <summary>
/// Forward and backward of the Padé activation unit of degrees 5/4 with the per-term absolute denominator
/// <c>P(x) / (1 + |b1||x| + |b2||x|² + |b3||x|³ + |b4||x|⁴)</c> (reference kernel <c>forward_5_4</c>).
/// </summary>
/// <remarks>
/// The backward recomputes P, Q and their derivatives from the input, so an autograd node needs to keep only the
/// input and the 10 coefficients. Coefficient gradients are reduced in double precision, as the reference CUDA
/// kernel does. On CPU the managed kernels read and write tensor memory in one vectorised pass per direction
/// (no elementwise temporaries); block partial sums are combined in block order, so results do not depend on
/// thread scheduling.
/// </remarks>
internal static class PadeKernels
{
    /// <summary>Numerator coefficients a0…a5.</summary>
    internal const int NumeratorLength = 6;

    /// <summary>Denominator coefficients b1…b4.</summary>
    internal const int DenominatorLength = 4;

    private const int CoefficientGradientCount = NumeratorLength + DenominatorLength;

    /// <summary>Elements one parallel work item handles.</summary>
    private const int BlockLength = 1 << 15;

    /// <summary>Largest number of elements read through one span: <c>Tensor.bytes</c> spans are int-sized.</summary>
    private const long DefaultMaxChunkElements = 1L << 27;

    [ThreadStatic]
    private static long s_maxChunkElementsOverride;

    /// <summary>Gets or sets, for the calling thread, the chunk size in elements (tests lower it; 0 restores the default).</summary>
    internal static long MaxChunkElements
    {
        get => s_maxChunkElementsOverride > 0 ? s_maxChunkElementsOverride : DefaultMaxChunkElements;
        set => s_maxChunkElementsOverride = value;
    }

    /// <summary>Whether the managed kernels can read <paramref name="tensor"/>.</summary>
    internal static bool SupportsManaged(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU
        && (tensor.dtype == ScalarType.Float32 || tensor.dtype == ScalarType.Float64);

    /// <summary>Evaluates the activation; the result is a new tensor of the input's shape, dtype and device.</summary>
    internal static Tensor Forward(Tensor input, Tensor numerator, Tensor denominator, PadeComputePath path)
    {
        if (UseManaged(input, path))
        {
            return input.dtype == ScalarType.Float32
                ? ManagedForward<float>(input, numerator, denominator)
                : ManagedForward<double>(input, numerator, denominator);
        }

        return TensorForward(input, numerator, denominator);
    }

    /// <summary>Gradients with respect to the input, the numerator and the denominator coefficients.</summary>
    internal static (Tensor Input, Tensor Numerator, Tensor Denominator) Backward(
        Tensor input, Tensor gradOutput, Tensor numerator, Tensor denominator, PadeComputePath path)
    {
        if (UseManaged(input, path))
        {
            return input.dtype == ScalarType.Float32
                ? ManagedBackward<float>(input, gradOutput, numerator, denominator)
                : ManagedBackward<double>(input, gradOutput, numerator, denominator);
        }

        return TensorBackward(input, gradOutput, numerator, denominator);
    }

    private static bool UseManaged(Tensor input, PadeComputePath path)
    {
        switch (path)
        {
            case PadeComputePath.TensorOperations:
                return false;
            case PadeComputePath.ManagedCpu when !SupportsManaged(input):
                throw new ArgumentException(
                    $"The managed Padé kernels need a float32 or float64 CPU tensor; got {input.dtype} on {input.device}.", nameof(input));
            case PadeComputePath.ManagedCpu:
                return true;
            default:
                return SupportsManaged(input);
        }
    }

    // ---- tensor-operation path (any device): in-place Horner schemes keep temporaries to a few input-sized tensors.

    private static Tensor TensorForward(Tensor input, Tensor numerator, Tensor denominator)
    {
        using var scope = torch.NewDisposeScope();
        var a = numerator.to(input.dtype, input.device);
        var b = denominator.to(input.dtype, input.device).abs();
        var absolute = input.abs();
        var p = Horner(input, a, derivative: false);
        var q = DenominatorHorner(absolute, b, derivative: false);
        return p.div_(q).MoveToOuterDisposeScope();
    }

    private static (Tensor, Tensor, Tensor) TensorBackward(Tensor input, Tensor gradOutput, Tensor numerator, Tensor denominator)
    {
        using var scope = torch.NewDisposeScope();
        var a = numerator.to(input.dtype, input.device);
        var b = denominator.to(input.dtype, input.device).abs();
        var absolute = input.abs();
        var p = Horner(input, a, derivative: false);
        var dp = Horner(input, a, derivative: true);
        var reciprocalQ = DenominatorHorner(absolute, b, derivative: false).reciprocal_();
        var dq = DenominatorHorner(absolute, b, derivative: true).mul_(input.sign());

        // dy/dx = (P' - P·Q'/Q) / Q
        var gradInput = dp.sub_(p.mul(reciprocalQ).mul_(dq)).mul_(reciprocalQ).mul_(gradOutput);

        // dy/da_k = x^k / Q;  dy/db_k = -sign(b_k) · P · |x|^k / Q²
        var numeratorWeight = gradOutput.mul(reciprocalQ);
        var denominatorWeight = p.mul_(reciprocalQ).mul_(reciprocalQ).mul_(gradOutput).neg_();
        var numeratorGrads = new Tensor[NumeratorLength];
        var power = input.ones_like();
        for (var k = 0; k < NumeratorLength; k++)
        {
            numeratorGrads[k] = numeratorWeight.mul(power).sum(type: ScalarType.Float64);
            power = power.mul(input);
        }

        var denominatorGrads = new Tensor[DenominatorLength];
        power = absolute;
        for (var k = 0; k < DenominatorLength; k++)
        {
            denominatorGrads[k] = denominatorWeight.mul(power).sum(type: ScalarType.Float64);
            power = power.mul(absolute);
        }

        var gradNumerator = torch.stack(numeratorGrads).to(numerator.dtype, numerator.device);
        var gradDenominator = torch.stack(denominatorGrads)
            .mul_(denominator.to(ScalarType.Float64, denominatorGrads[0].device).sign())
            .to(denominator.dtype, denominator.device);
        return (gradInput.MoveToOuterDisposeScope(), gradNumerator.MoveToOuterDisposeScope(), gradDenominator.MoveToOuterDisposeScope());
    }

    /// <summary>Σ a_k x^k, or its derivative Σ k a_k x^(k-1), by Horner's scheme.</summary>
    private static Tensor Horner(Tensor x, Tensor a, bool derivative)
    {
        var top = NumeratorLength - 1;
        var lowest = derivative ? 1 : 0;
        var result = x.mul(derivative ? a[top] * top : a[top]);
        for (var k = top - 1; k >= lowest; k--)
        {
            result.add_(derivative ? a[k] * k : a[k]);
            if (k > lowest)
            {
                result.mul_(x);
            }
        }

        return result;
    }

    /// <summary>1 + Σ |b_k| |x|^k (k = 1…4), or its derivative in |x|, Σ k |b_k| |x|^(k-1).</summary>
    private static Tensor DenominatorHorner(Tensor absolute, Tensor b, bool derivative)
    {
        // b[i] holds |b_(i+1)|.
        var top = DenominatorLength;
        var result = absolute.mul(derivative ? b[top - 1] * top : b[top - 1]);
        var lowest = derivative ? 2 : 1;
        for (var k = top - 1; k >= lowest; k--)
        {
            result.add_(derivative ? b[k - 1] * k : b[k - 1]);
            result.mul_(absolute);
        }

        return derivative ? result.add_(b[0]) : result.add_(1.0);
    }

    // ---- managed CPU path.

    private static double[] ReadCoefficients(Tensor coefficients)
    {
        using var asDouble = coefficients.detach().to(ScalarType.Float64, torch.CPU).contiguous();
        return asDouble.data<double>().ToArray();
    }

    private static Tensor ManagedForward<T>(Tensor input, Tensor numerator, Tensor denominator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var coefficients = new Coefficients<T>(ReadCoefficients(numerator), ReadCoefficients(denominator));
        using var scope = torch.NewDisposeScope();
        var x = input.contiguous();
        var y = torch.empty_like(x);
        ForEachChunk(x, y, null, (xs, ys, _, length) => ForwardBlocks(xs, ys, length, coefficients));
        return y.MoveToOuterDisposeScope();
    }

    private static (Tensor, Tensor, Tensor) ManagedBackward<T>(Tensor input, Tensor gradOutput, Tensor numerator, Tensor denominator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var denominatorValues = ReadCoefficients(denominator);
        var coefficients = new Coefficients<T>(ReadCoefficients(numerator), denominatorValues);
        using var scope = torch.NewDisposeScope();
        var x = input.contiguous();
        var g = gradOutput.to(x.dtype).expand(x.shape).contiguous();
        var gradInput = torch.empty_like(x);
        var sums = new double[CoefficientGradientCount];
        ForEachChunk(x, gradInput, g, (xs, gxs, gs, length) => BackwardBlocks(xs, gs, gxs, length, coefficients, sums));

        var numeratorGrad = new double[NumeratorLength];
        Array.Copy(sums, numeratorGrad, NumeratorLength);
        var denominatorGrad = new double[DenominatorLength];
        for (var k = 0; k < DenominatorLength; k++)
        {
            denominatorGrad[k] = Math.Sign(denominatorValues[k]) * sums[NumeratorLength + k];
        }

        var gradNumerator = torch.tensor(numeratorGrad, dtype: ScalarType.Float64).to(numerator.dtype, numerator.device);
        var gradDenominator = torch.tensor(denominatorGrad, dtype: ScalarType.Float64).to(denominator.dtype, denominator.device);
        return (gradInput.MoveToOuterDisposeScope(), gradNumerator.MoveToOuterDisposeScope(), gradDenominator.MoveToOuterDisposeScope());
    }

    /// <summary>Raw pointers of one chunk: first, second, optional third tensor and the chunk's element count.</summary>
    private delegate void ChunkAction(nint first, nint second, nint third, long length);

    /// <summary>Calls <paramref name="action"/> for spans of at most <see cref="MaxChunkElements"/> elements.</summary>
    /// <remarks><c>Tensor.bytes</c> returns an <c>int</c>-length span, so tensors over 2 GiB are visited slice by slice.</remarks>
    private static unsafe void ForEachChunk(Tensor first, Tensor second, Tensor? third, ChunkAction action)
    {
        var total = first.numel();
        if (total == 0)
        {
            return;
        }

        using var firstFlat = first.view(-1);
        using var secondFlat = second.view(-1);
        using var thirdFlat = third?.view(-1);
        var chunk = MaxChunkElements;
        for (long offset = 0; offset < total; offset += chunk)
        {
            var length = Math.Min(chunk, total - offset);
            using var a = firstFlat.narrow(0, offset, length);
            using var b = secondFlat.narrow(0, offset, length);
            using var c = thirdFlat?.narrow(0, offset, length);
            fixed (byte* pa = a.bytes)
            fixed (byte* pb = b.bytes)
            fixed (byte* pc = c is null ? default : c.bytes)
            {
                action((nint)pa, (nint)pb, (nint)pc, length);
            }
        }
    }

    private static int BlockCount(long length) => (int)((length + BlockLength - 1) / BlockLength);

    private static ParallelOptions ParallelOptionsForTorch() =>
        new() { MaxDegreeOfParallelism = Math.Max(1, torch.get_num_threads()) };

    private static unsafe void ForwardBlocks<T>(nint x, nint y, long length, Coefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var blocks = BlockCount(length);
        if (blocks == 1)
        {
            ForwardRange((T*)x, (T*)y, (int)length, c);
            return;
        }

        Parallel.For(0, blocks, ParallelOptionsForTorch(), block =>
        {
            long start = (long)block * BlockLength;
            var count = (int)Math.Min(BlockLength, length - start);
            ForwardRange((T*)x + start, (T*)y + start, count, c);
        });
    }

    private static unsafe void BackwardBlocks<T>(nint x, nint g, nint gx, long length, Coefficients<T> c, double[] sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var blocks = BlockCount(length);
        var partial = new double[blocks * CoefficientGradientCount];
        if (blocks == 1)
        {
            BackwardRange((T*)x, (T*)g, (T*)gx, (int)length, c, partial.AsSpan());
        }
        else
        {
            Parallel.For(0, blocks, ParallelOptionsForTorch(), block =>
            {
                long start = (long)block * BlockLength;
                var count = (int)Math.Min(BlockLength, length - start);
                BackwardRange((T*)x + start, (T*)g + start, (T*)gx + start, count, c,
                    partial.AsSpan(block * CoefficientGradientCount, CoefficientGradientCount));
            });
        }

        // Block order, not completion order: the sum is the same whatever the scheduling.
        for (var block = 0; block < blocks; block++)
        {
            for (var k = 0; k < CoefficientGradientCount; k++)
            {
                sums[k] += partial[(block * CoefficientGradientCount) + k];
            }
        }
    }

    private static unsafe void ForwardRange<T>(T* x, T* y, int length, Coefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            var one = Vector<T>.One;
            var a0 = new Vector<T>(c.A0);
            var a1 = new Vector<T>(c.A1);
            var a2 = new Vector<T>(c.A2);
            var a3 = new Vector<T>(c.A3);
            var a4 = new Vector<T>(c.A4);
            var a5 = new Vector<T>(c.A5);
            var b1 = new Vector<T>(c.B1);
            var b2 = new Vector<T>(c.B2);
            var b3 = new Vector<T>(c.B3);
            var b4 = new Vector<T>(c.B4);
            for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.Load(x + i);
                var av = Vector.Abs(v);
                var p = (((((a5 * v) + a4) * v + a3) * v + a2) * v + a1) * v + a0;
                var q = ((((b4 * av) + b3) * av + b2) * av + b1) * av + one;
                Vector.Store(p / q, y + i);
            }
        }

        for (; i < length; i++)
        {
            var v = x[i];
            var av = T.Abs(v);
            var p = (((((c.A5 * v) + c.A4) * v + c.A3) * v + c.A2) * v + c.A1) * v + c.A0;
            var q = ((((c.B4 * av) + c.B3) * av + c.B2) * av + c.B1) * av + T.One;
            y[i] = p / q;
        }
    }

    /// <summary>Input gradient of one block, and the block's 10 coefficient-gradient sums (before sign(b_k)).</summary>
    private static unsafe void BackwardRange<T>(T* x, T* g, T* gx, int length, Coefficients<T> c, Span<double> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<T>.Count)
        {
            i = BackwardVectorised(x, g, gx, length, c, sums);
        }

        for (; i < length; i++)
        {
            var v = x[i];
            var av = T.Abs(v);
            var s = T.CopySign(T.One, v);
            if (v == T.Zero)
            {
                s = T.Zero;
            }

            var p = (((((c.A5 * v) + c.A4) * v + c.A3) * v + c.A2) * v + c.A1) * v + c.A0;
            var dp = ((((c.A5x5 * v) + c.A4x4) * v + c.A3x3) * v + c.A2x2) * v + c.A1;
            var q = ((((c.B4 * av) + c.B3) * av + c.B2) * av + c.B1) * av + T.One;
            var dq = (((((c.B4x4 * av) + c.B3x3) * av + c.B2x2) * av) + c.B1) * s;
            var r = T.One / q;
            var grad = g[i];
            gx[i] = (dp - (p * r * dq)) * r * grad;

            var t = double.CreateTruncating(grad * r);
            var u = -double.CreateTruncating(grad * p * r * r);
            var xd = double.CreateTruncating(v);
            var axd = Math.Abs(xd);
            var power = 1.0;
            for (var k = 0; k < NumeratorLength; k++)
            {
                sums[k] += t * power;
                power *= xd;
            }

            power = axd;
            for (var k = 0; k < DenominatorLength; k++)
            {
                sums[NumeratorLength + k] += u * power;
                power *= axd;
            }
        }
    }

    private static unsafe int BackwardVectorised<T>(T* x, T* g, T* gx, int length, Coefficients<T> c, Span<double> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Partial sums run in T over at most FlushEvery vectors, then move to double: float rounding stays at
        // ~FlushEvery ulps per flush while the reduction over the whole tensor is in double.
        const int FlushEvery = 16;
        var one = Vector<T>.One;
        var zero = Vector<T>.Zero;
        var a0 = new Vector<T>(c.A0);
        var a1 = new Vector<T>(c.A1);
        var a2 = new Vector<T>(c.A2);
        var a3 = new Vector<T>(c.A3);
        var a4 = new Vector<T>(c.A4);
        var a5 = new Vector<T>(c.A5);
        var a2x2 = new Vector<T>(c.A2x2);
        var a3x3 = new Vector<T>(c.A3x3);
        var a4x4 = new Vector<T>(c.A4x4);
        var a5x5 = new Vector<T>(c.A5x5);
        var b1 = new Vector<T>(c.B1);
        var b2 = new Vector<T>(c.B2);
        var b3 = new Vector<T>(c.B3);
        var b4 = new Vector<T>(c.B4);
        var b2x2 = new Vector<T>(c.B2x2);
        var b3x3 = new Vector<T>(c.B3x3);
        var b4x4 = new Vector<T>(c.B4x4);
        Span<Vector<T>> acc = stackalloc Vector<T>[CoefficientGradientCount];
        var i = 0;
        var sinceFlush = 0;
        for (; i <= length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var v = Vector.Load(x + i);
            var grad = Vector.Load(g + i);
            var av = Vector.Abs(v);
            var sign = Vector.ConditionalSelect(Vector.LessThan(v, zero), -one, Vector.ConditionalSelect(Vector.GreaterThan(v, zero), one, zero));
            var p = (((((a5 * v) + a4) * v + a3) * v + a2) * v + a1) * v + a0;
            var dp = ((((a5x5 * v) + a4x4) * v + a3x3) * v + a2x2) * v + a1;
            var q = ((((b4 * av) + b3) * av + b2) * av + b1) * av + one;
            var dq = (((((b4x4 * av) + b3x3) * av + b2x2) * av) + b1) * sign;
            var r = one / q;
            Vector.Store((dp - (p * r * dq)) * r * grad, gx + i);

            var t = grad * r;
            var u = -(grad * p * r * r);
            var power = t;
            acc[0] += power;
            power *= v;
            acc[1] += power;
            power *= v;
            acc[2] += power;
            power *= v;
            acc[3] += power;
            power *= v;
            acc[4] += power;
            power *= v;
            acc[5] += power;
            power = u * av;
            acc[6] += power;
            power *= av;
            acc[7] += power;
            power *= av;
            acc[8] += power;
            power *= av;
            acc[9] += power;
            if (++sinceFlush == FlushEvery)
            {
                Flush(acc, sums);
                sinceFlush = 0;
            }
        }

        Flush(acc, sums);
        return i;
    }

    private static void Flush<T>(Span<Vector<T>> acc, Span<double> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var k = 0; k < acc.Length; k++)
        {
            var total = 0.0;
            for (var lane = 0; lane < Vector<T>.Count; lane++)
            {
                total += double.CreateTruncating(acc[k][lane]);
            }

            sums[k] += total;
            acc[k] = Vector<T>.Zero;
        }
    }

    /// <summary>The 10 coefficients (denominator as absolute values) and their derivative multiples, in T.</summary>
    private readonly struct Coefficients<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Coefficients(double[] numerator, double[] denominator)
        {
            A0 = T.CreateTruncating(numerator[0]);
            A1 = T.CreateTruncating(numerator[1]);
            A2 = T.CreateTruncating(numerator[2]);
            A3 = T.CreateTruncating(numerator[3]);
            A4 = T.CreateTruncating(numerator[4]);
            A5 = T.CreateTruncating(numerator[5]);
            A2x2 = T.CreateTruncating(2 * numerator[2]);
            A3x3 = T.CreateTruncating(3 * numerator[3]);
            A4x4 = T.CreateTruncating(4 * numerator[4]);
            A5x5 = T.CreateTruncating(5 * numerator[5]);
            B1 = T.CreateTruncating(Math.Abs(denominator[0]));
            B2 = T.CreateTruncating(Math.Abs(denominator[1]));
            B3 = T.CreateTruncating(Math.Abs(denominator[2]));
            B4 = T.CreateTruncating(Math.Abs(denominator[3]));
            B2x2 = T.CreateTruncating(2 * Math.Abs(denominator[1]));
            B3x3 = T.CreateTruncating(3 * Math.Abs(denominator[2]));
            B4x4 = T.CreateTruncating(4 * Math.Abs(denominator[3]));
        }

        public T A0 { get; }

        public T A1 { get; }

        public T A2 { get; }

        public T A3 { get; }

        public T A4 { get; }

        public T A5 { get; }

        public T A2x2 { get; }

        public T A3x3 { get; }

        public T A4x4 { get; }

        public T A5x5 { get; }

        public T B1 { get; }

        public T B2 { get; }

        public T B3 { get; }

        public T B4 { get; }

        public T B2x2 { get; }

        public T B3x3 { get; }

        public T B4x4 { get; }
    }
}
