// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic;

/// <summary>Options of the synthetic phantoms (<see cref="SyntheticPhantoms"/>, <see cref="SyntheticPhantomSource"/>).</summary>
/// <remarks>
/// The anatomy is laid out in millimetres as fractions of the field of view (shape × spacing), so one seed gives the same
/// phantom at every resolution; only the sampling (and the voxel noise) changes.
/// </remarks>
public sealed class SyntheticPhantomOptions
{
    /// <summary>The smallest extent accepted along any axis.</summary>
    public const int MinimumExtent = 16;

    /// <summary>The largest extent accepted along any axis.</summary>
    public const int MaximumExtent = 1024;

    /// <summary>The largest number of lesions per case.</summary>
    public const int MaximumLesionCount = 6;

    /// <summary>Gets or sets the anatomy.</summary>
    /// <value>The default value is <see cref="PhantomKind.BrainTumour"/>.</value>
    public PhantomKind Kind { get; set; } = PhantomKind.BrainTumour;

    /// <summary>Gets or sets the seed; case i of a source is generated from (Seed, i).</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets the volume shape (any size from 16 to 1024 voxels per axis).</summary>
    /// <value>The default value is 128×128×80 (the OSS-Net encoder grid of BraTS).</value>
    public VolumeShape Shape { get; set; } = new(128, 128, 80);

    /// <summary>Gets or sets the voxel spacing in mm, or null for the field of view of the imitated dataset.</summary>
    /// <value>
    /// The default value is null: the spacing that makes the field of view 240×240×155 mm (BraTS; 1 mm at 240×240×155) for
    /// brain phantoms and 380×380×300 mm for abdominal ones.
    /// </value>
    public (double X, double Y, double Z)? Spacing { get; set; }

    /// <summary>Gets or sets the smallest number of lesions per case.</summary>
    /// <value>The default value is 1. Range 0–<see cref="MaximumLesionCount"/>.</value>
    public int MinLesionCount { get; set; } = 1;

    /// <summary>Gets or sets the largest number of lesions per case; the count is uniform in [min, max].</summary>
    /// <value>The default value is 3. Range <see cref="MinLesionCount"/>–<see cref="MaximumLesionCount"/>.</value>
    public int MaxLesionCount { get; set; } = 3;

    /// <summary>
    /// Gets or sets the standard deviation of the additive Gaussian noise as a fraction of 1000 intensity units (MR units;
    /// Hounsfield units for CT): 0.02 adds σ = 20.
    /// </summary>
    /// <value>The default value is 0.02. Range [0, 0.5].</value>
    public double NoiseLevel { get; set; } = 0.02;

    /// <summary>
    /// Gets or sets the strength of the smooth intensity inhomogeneity: MR images are multiplied by
    /// <c>exp(strength · b)</c> with a smooth field b in about [−1, 1] (a different field per channel); CT images get a
    /// smooth additive shading of up to <c>strength · 50</c> HU inside the body.
    /// </summary>
    /// <value>The default value is 0.2. Range [0, 1].</value>
    public double BiasFieldStrength { get; set; } = 0.2;

    /// <summary>Gets the spacing in use: <see cref="Spacing"/>, or the kind's default field of view divided by the shape.</summary>
    public (double X, double Y, double Z) EffectiveSpacing
    {
        get
        {
            if (Spacing is { } spacing)
            {
                return spacing;
            }

            var fov = Kind == PhantomKind.BrainTumour ? (240.0, 240.0, 155.0) : (380.0, 380.0, 300.0);
            return (fov.Item1 / Shape.X, fov.Item2 / Shape.Y, fov.Item3 / Shape.Z);
        }
    }

    /// <summary>Gets the number of image channels of the kind (4 for brain MRI, 1 for CT).</summary>
    public int Channels => Kind == PhantomKind.BrainTumour ? 4 : 1;

    /// <summary>Throws when an option is out of range; the message names the option, its value and the valid range.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"SyntheticPhantomOptions.Kind has the unknown value {(int)Kind}; use BrainTumour or AbdomenLiver.", nameof(Kind));
        }

        var s = Shape;
        if (Math.Min(s.X, Math.Min(s.Y, s.Z)) < MinimumExtent || Math.Max(s.X, Math.Max(s.Y, s.Z)) > MaximumExtent)
        {
            throw new ArgumentException(
                $"SyntheticPhantomOptions.Shape must have {MinimumExtent}–{MaximumExtent} voxels along every axis (smaller grids cannot resolve the anatomy); got {s}.",
                nameof(Shape));
        }

        if ((long)Channels * s.VoxelCount > Array.MaxLength)
        {
            throw new ArgumentException(
                $"SyntheticPhantomOptions.Shape {s} with {Channels} channels needs {Channels * s.VoxelCount} values, more than one buffer can hold ({Array.MaxLength}).",
                nameof(Shape));
        }

        if (Spacing is { } sp && !(sp.X > 0 && sp.Y > 0 && sp.Z > 0 && double.IsFinite(sp.X + sp.Y + sp.Z)))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"SyntheticPhantomOptions.Spacing must be positive and finite along every axis; got ({sp.X}, {sp.Y}, {sp.Z}) mm."),
                nameof(Spacing));
        }

        if (MinLesionCount < 0 || MinLesionCount > MaximumLesionCount)
        {
            throw new ArgumentException($"SyntheticPhantomOptions.MinLesionCount must be in 0–{MaximumLesionCount}; got {MinLesionCount}.", nameof(MinLesionCount));
        }

        if (MaxLesionCount < MinLesionCount || MaxLesionCount > MaximumLesionCount)
        {
            throw new ArgumentException(
                $"SyntheticPhantomOptions.MaxLesionCount must be in MinLesionCount–{MaximumLesionCount} ({MinLesionCount}–{MaximumLesionCount}); got {MaxLesionCount}.",
                nameof(MaxLesionCount));
        }

        if (!(NoiseLevel >= 0 && NoiseLevel <= 0.5))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"SyntheticPhantomOptions.NoiseLevel must be in [0, 0.5]; got {NoiseLevel}."), nameof(NoiseLevel));
        }

        if (!(BiasFieldStrength >= 0 && BiasFieldStrength <= 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"SyntheticPhantomOptions.BiasFieldStrength must be in [0, 1]; got {BiasFieldStrength}."),
                nameof(BiasFieldStrength));
        }
    }

    /// <summary>Returns a copy (the source keeps its own, so later changes to these options do not affect it).</summary>
    public SyntheticPhantomOptions Clone() => (SyntheticPhantomOptions)MemberwiseClone();
}
