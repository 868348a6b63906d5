// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// CT intensity windowing: clips every channel to <c>[Level − Width/2, Level + Width/2]</c> (Hounsfield units) and, when
/// <see cref="RescaleToUnitRange"/> is set, maps that window linearly onto [0, 1].
/// </summary>
/// <remarks>
/// <para>Not part of the reference LiTS pipeline (see docs/transforms.md; the reference does no HU windowing); offered
/// because abdominal CT models commonly use it, e.g. an abdomen window of level 40, width 400 or a liver window of
/// level 60, width 200 (as in <c>CtWindowing.Liver</c>).</para>
/// <para><b>Geometry:</b> unchanged (identity step). The label buffer is shared with the input.</para>
/// </remarks>
public sealed class CtWindowing : IVolumeTransform
{
    private const int ChunkSize = 1 << 16;

    /// <summary>Initializes the transform.</summary>
    /// <param name="level">Window centre in HU.</param>
    /// <param name="width">Window width in HU; positive.</param>
    /// <param name="rescaleToUnitRange">Map the window onto [0, 1] after clipping.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-finite level or a non-positive width.</exception>
    public CtWindowing(double level, double width, bool rescaleToUnitRange = false)
    {
        if (!double.IsFinite(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The window level must be a finite number of HU.");
        }

        if (!(width > 0 && double.IsFinite(width)))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The window width must be a positive, finite number of HU.");
        }

        Level = level;
        Width = width;
        RescaleToUnitRange = rescaleToUnitRange;
    }

    /// <summary>Gets a liver window (level 60 HU, width 200 HU), not rescaled.</summary>
    public static CtWindowing Liver { get; } = new(60, 200);

    /// <summary>Gets the window centre in HU.</summary>
    public double Level { get; }

    /// <summary>Gets the window width in HU.</summary>
    public double Width { get; }

    /// <summary>Gets a value indicating whether the clipped window is rescaled to [0, 1].</summary>
    public bool RescaleToUnitRange { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"CtWindow(L={Level}, W={Width}{(RescaleToUnitRange ? ", [0,1]" : string.Empty)})");

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        var low = (float)(Level - (Width / 2));
        var high = (float)(Level + (Width / 2));
        var source = image.Voxels;
        var output = new float[source.Length];
        var rescale = RescaleToUnitRange;
        var width = Width;
        var chunks = (output.Length + ChunkSize - 1) / ChunkSize;
        SlabParallel.For(chunks, ChunkSize, chunk =>
        {
            var start = chunk * ChunkSize;
            var src = source.Span.Slice(start, Math.Min(ChunkSize, output.Length - start));
            var dst = output.AsSpan(start, src.Length);
            for (var i = 0; i < src.Length; i++)
            {
                var v = Math.Clamp(src[i], low, high);

                // Clamped again so that rounding can never leave [0, 1].
                dst[i] = rescale ? (float)Math.Clamp((v - (double)low) / width, 0, 1) : v;
            }
        });

        var result = input with { Image = new Volume(image.Geometry, image.Channels, output) };
        return new TransformResult(result, GeometryStep.Identity(image.Geometry));
    }
}
