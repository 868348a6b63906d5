// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// Generates a BraTS-like 4-channel brain MRI phantom: a head ellipsoid with scalp, skull, CSF and a brain of
/// grey/white-matter texture with two lateral ventricles; one to three irregular tumours (oedema, enhancing core,
/// necrotic centre) inside the brain; a smooth multiplicative bias field per channel and Gaussian noise.
/// </summary>
internal static class BrainPhantomGenerator
{
    private const int Channels = 4;

    // Layer boundaries as normalised head radii: scalp outside skullOuter, skull, CSF, brain inside BrainOuter.
    private const float SkullOuter = 0.93f;
    private const float CsfOuter = 0.875f;
    private const float BrainOuter = 0.835f;

    public static SyntheticPhantom Generate(SyntheticPhantomOptions options, int index, string caseId)
    {
        var frame = new PhantomFrame(options.Shape, options.EffectiveSpacing);
        var seeds = new PhantomSeeds(options.Seed, index);
        var anatomy = new Anatomy(frame, seeds, options);

        var shape = frame.Shape;
        var n = (int)shape.VoxelCount;
        var image = new float[Channels * n];
        var labels = new byte[n];
        var tissues = new byte[n];
        var sigma = (float)(options.NoiseLevel * 1000);
        var bias = (float)options.BiasFieldStrength;

        Parallel.For(0, shape.X, x => GenerateSlab(x, anatomy, seeds, image, labels, tissues, sigma, bias));

        var geometry = frame.Geometry();
        var volumeCase = new VolumeCase(
            caseId,
            new Volume(geometry, Channels, image),
            new LabelVolume(geometry, labels),
            SyntheticPhantoms.Metadata(options, index, anatomy.Lesions.Length, "FLAIR,T1,T1ce,T2", "1 necrotic core, 2 oedema, 4 enhancing tumour"));
        var lesions = anatomy.Lesions.Select(l => anatomy.Describe(l)).ToArray();
        return new SyntheticPhantom(PhantomKind.BrainTumour, volumeCase, new LabelVolume(geometry, tissues), lesions);
    }

    /// <summary>Draws only the lesion list of a case (no voxels): cheap, for statistics over many cases.</summary>
    public static SyntheticLesion[] DrawLesions(SyntheticPhantomOptions options, int index)
    {
        var anatomy = new Anatomy(new PhantomFrame(options.Shape, options.EffectiveSpacing), new PhantomSeeds(options.Seed, index), options);
        return [.. anatomy.Lesions.Select(anatomy.Describe)];
    }

    private static void GenerateSlab(int x, Anatomy a, PhantomSeeds seeds, float[] image, byte[] labels, byte[] tissues, float sigma, float bias)
    {
        var frame = a.Frame;
        var (ny, nz) = (frame.Shape.Y, frame.Shape.Z);
        var n = (int)frame.Shape.VoxelCount;
        var slab = ny * nz;

        // Voxel noise from one slab-seeded stream, drawn in voxel order for head voxels only: independent of thread
        // scheduling, and no work spent on the air around the head.
        var noise = new DeterministicRandom(seeds.For(Purpose.VoxelNoise, (ulong)x));
        Span<float> value = stackalloc float[Channels];
        Span<float> brain = stackalloc float[Channels];
        var w = frame.EdgeWidth;
        var px = frame.X[x];
        var head = a.Head;
        var hm = a.HeadMeanSemiAxis;
        for (var y = 0; y < ny; y++)
        {
            var py = frame.Y[y];
            for (var z = 0; z < nz; z++)
            {
                var pz = frame.Z[z];
                var radius = head.Radius(px, py, pz);
                if (radius > 1.06f)
                {
                    continue; // air: all channels 0, tissue Background, label 0
                }

                radius *= 1 + (0.025f * a.HeadNoise.Sample(x, y, z));
                var scalp = Smooth.Inside((1 - radius) * hm, w);
                if (scalp <= 0)
                {
                    continue;
                }

                var skull = Smooth.Inside((SkullOuter - radius) * hm, w);
                var csf = Smooth.Inside((CsfOuter - radius) * hm, w);
                var inBrain = Smooth.Inside((BrainOuter - radius) * hm, w);
                for (var c = 0; c < Channels; c++)
                {
                    var v = a.Gain[c] * BrainContrast.Scalp[c] * scalp;
                    v = Smooth.Lerp(v, a.Gain[c] * BrainContrast.Skull[c], skull);
                    value[c] = Smooth.Lerp(v, a.Gain[c] * BrainContrast.Csf[c], csf);
                }

                var tissue = radius < CsfOuter ? PhantomTissue.Csf : radius < SkullOuter ? PhantomTissue.Skull : radius <= 1 ? PhantomTissue.Scalp : PhantomTissue.Background;
                byte label = 0;
                if (inBrain > 0)
                {
                    var (brainTissue, rank) = BrainVoxel(a, x, y, z, px, py, pz, radius, brain);
                    for (var c = 0; c < Channels; c++)
                    {
                        value[c] = Smooth.Lerp(value[c], brain[c], inBrain);
                    }

                    if (radius < BrainOuter)
                    {
                        tissue = brainTissue;
                        label = rank switch { 3 => 1, 2 => 4, 1 => 2, _ => 0 };
                    }
                }

                var voxel = (x * slab) + (y * nz) + z;
                for (var c = 0; c < Channels; c += 2)
                {
                    var (first, second) = noise.NextGaussianPair();
                    value[c] = (value[c] * Shading(a, bias, c, x, y, z)) + (sigma * first);
                    value[c + 1] = (value[c + 1] * Shading(a, bias, c + 1, x, y, z)) + (sigma * second);
                }

                for (var c = 0; c < Channels; c++)
                {
                    image[(c * n) + voxel] = Math.Max(0f, value[c]);
                }

                labels[voxel] = label;
                tissues[voxel] = (byte)tissue;
            }
        }
    }

    /// <summary>The multiplicative bias of channel <paramref name="c"/> at a voxel.</summary>
    private static float Shading(Anatomy a, float strength, int c, int x, int y, int z) =>
        strength > 0 ? MathF.Exp(strength * a.Bias[c].Sample(x, y, z)) : 1f;

    /// <summary>Intensities of a brain voxel (normal tissue, ventricles, lesions) and its tissue and lesion rank (0 none, 1 oedema, 2 enhancing, 3 necrosis).</summary>
    private static (PhantomTissue Tissue, int Rank) BrainVoxel(Anatomy a, int x, int y, int z, float px, float py, float pz, float radius, Span<float> brain)
    {
        var w = a.Frame.EdgeWidth;
        var depth = Math.Max(0f, (BrainOuter - radius) / BrainOuter);
        var texture = (0.5f * a.Texture.Sample(x, y, z)) + (0.3f * a.Detail.Sample(x, y, z)) + (0.2f * a.Fold.Sample(x, y, z));
        var whiteness = Smooth.Step(-0.45f, 0.45f, (2.6f * texture) + (4.5f * (depth - 0.13f)));
        var fine = a.Fine.Sample(x, y, z);
        var grain = 1 + (0.05f * fine);
        var ventricle = Math.Max(
            a.LeftVentricle.Inside(px, py, pz, w, 0.12f * texture),
            a.RightVentricle.Inside(px, py, pz, w, 0.12f * texture));

        // Periventricular caps: an unlabelled FLAIR-bright rim around the ventricles.
        var cap = Math.Max(
            a.LeftVentricle.Inside(px, py, pz, 3 * w, 0.45f + (0.2f * texture)),
            a.RightVentricle.Inside(px, py, pz, 3 * w, 0.45f + (0.2f * texture))) * (1 - ventricle);
        for (var c = 0; c < Channels; c++)
        {
            var g = a.Gain[c];
            var normal = Smooth.Lerp(g * BrainContrast.GreyMatter[c], g * BrainContrast.WhiteMatter[c], whiteness) * grain;
            normal += g * BrainContrast.PeriventricularShift[c] * cap;
            brain[c] = Smooth.Lerp(normal, g * BrainContrast.Csf[c], ventricle);
        }

        var tissue = ventricle >= 0.5f ? PhantomTissue.Ventricle : whiteness >= 0.5f ? PhantomTissue.WhiteMatter : PhantomTissue.GreyMatter;

        // White-matter hyperintensities: unlabelled mimics, bright in FLAIR/T2 with diffuse edges, never enhancing.
        foreach (var mimic in a.Mimics)
        {
            if (!mimic.IsNear(px, py, pz))
            {
                continue;
            }

            var sample = mimic.Evaluate(px, py, pz, fine, 2 * w);
            var strength = sample.Outer * Smooth.Step(-0.2f, 0.5f, sample.Depth);
            if (strength <= 0)
            {
                continue;
            }

            for (var c = 0; c < Channels; c++)
            {
                brain[c] += a.Gain[c] * BrainContrast.HyperintensityShift[c] * strength;
            }

            tissue = sample.Outer >= 0.5f && tissue != PhantomTissue.Ventricle ? PhantomTissue.WhiteMatterHyperintensity : tissue;
        }

        var rank = 0;
        var boundaryNoise = float.NaN;
        for (var k = 0; k < a.Lesions.Length; k++)
        {
            var lesion = a.Lesions[k];
            if (!lesion.Shape.IsNear(px, py, pz))
            {
                continue;
            }

            if (float.IsNaN(boundaryNoise))
            {
                // Oedema spreads further through white matter: part of the boundary noise follows the tissue.
                boundaryNoise = a.LesionNoise.Sample(x, y, z) + (0.8f * (whiteness - 0.5f));
            }

            var (outer, core, necrosis, lesionDepth) = lesion.Shape.Evaluate(px, py, pz, boundaryNoise, w);
            var weight = Math.Max(outer, core);
            if (weight <= 0)
            {
                continue;
            }

            // Infiltrative oedema fades towards its edge: on the label boundary it shows about a third of its contrast,
            // so no intensity threshold finds the boundary.
            var fade = 0.35f + (0.65f * Smooth.Step(0f, 0.3f, lesionDepth));
            for (var c = 0; c < Channels; c++)
            {
                var g = a.Gain[c] * lesion.Gain;
                var oedema = Smooth.Lerp(g * BrainContrast.Oedema[c], brain[c], 0.2f) * (1 + (0.10f * texture));
                oedema = Smooth.Lerp(brain[c], oedema, fade);
                var value = Smooth.Lerp(oedema, g * BrainContrast.Enhancing[c] * (1 + (0.07f * fine)), core);
                value = Smooth.Lerp(value, g * BrainContrast.Necrosis[c] * (1 + (0.05f * fine)), necrosis);
                brain[c] = Smooth.Lerp(brain[c], value, weight);
            }

            var voxelRank = necrosis >= 0.5f ? 3 : core >= 0.5f ? 2 : outer >= 0.5f ? 1 : 0;
            rank = Math.Max(rank, voxelRank);
        }

        if (rank > 0)
        {
            tissue = rank switch { 3 => PhantomTissue.NecroticCore, 2 => PhantomTissue.EnhancingTumour, _ => PhantomTissue.Oedema };
        }

        return (tissue, rank);
    }

    /// <summary>Stream purposes (any distinct constants).</summary>
    private static class Purpose
    {
        public const ulong Anatomy = 1;
        public const ulong HeadNoise = 2;
        public const ulong Texture = 3;
        public const ulong Detail = 4;
        public const ulong Fine = 5;
        public const ulong Fold = 9;
        public const ulong LesionNoise = 6;
        public const ulong Bias = 7;
        public const ulong VoxelNoise = 8;
    }

    /// <summary>Everything drawn once per case: head size, ventricles, gains, lesions and the noise fields.</summary>
    private sealed class Anatomy
    {
        public Anatomy(PhantomFrame frame, PhantomSeeds seeds, SyntheticPhantomOptions options)
        {
            Frame = frame;
            var random = new DeterministicRandom(seeds.For(Purpose.Anatomy));
            var fov = frame.FieldOfView;
            Head = new Ellipsoid(
                0, 0, 0,
                (float)(0.39 * fov.X * random.NextDouble(0.95, 1.03)),
                (float)(0.46 * fov.Y * random.NextDouble(0.96, 1.02)),
                (float)(0.44 * fov.Z * random.NextDouble(0.95, 1.02)));
            HeadMeanSemiAxis = MathF.Cbrt(Head.SemiX * Head.SemiY * Head.SemiZ);
            var (bx, by, bz) = (BrainOuter * Head.SemiX, BrainOuter * Head.SemiY, BrainOuter * Head.SemiZ);

            // Lateral ventricles: two elongated ellipsoids either side of the midline, slightly above the centre.
            var vy = (float)(by * random.NextDouble(-0.06, 0.04));
            var vz = (float)(bz * random.NextDouble(0.08, 0.18));
            var (sx, sy, sz) = ((float)(bx * random.NextDouble(0.06, 0.09)), (float)(by * random.NextDouble(0.26, 0.34)), (float)(bz * random.NextDouble(0.16, 0.24)));
            var offset = (float)(bx * random.NextDouble(0.10, 0.14));
            LeftVentricle = new Ellipsoid(-offset, vy, vz, sx, sy, sz);
            RightVentricle = new Ellipsoid(offset, vy, vz, sx * (float)random.NextDouble(0.85, 1.15), sy, sz);

            Gain = new float[Channels];
            for (var c = 0; c < Channels; c++)
            {
                Gain[c] = (float)random.NextDouble(0.92, 1.08);
            }

            Lesions = PlaceLesions(random, options, frame, (bx, by, bz));
            Mimics = PlaceMimics(random, frame, (bx, by, bz), Lesions);

            var meanFov = (fov.X + fov.Y + fov.Z) / 3;
            var shape = frame.Shape;
            HeadNoise = new ValueNoise(seeds.For(Purpose.HeadNoise), shape, fov, meanFov / 4);
            Texture = new ValueNoise(seeds.For(Purpose.Texture), shape, fov, meanFov / 11);
            Detail = new ValueNoise(seeds.For(Purpose.Detail), shape, fov, meanFov / 19);
            Fold = new ValueNoise(seeds.For(Purpose.Fold), shape, fov, meanFov / 31);
            Fine = new ValueNoise(seeds.For(Purpose.Fine), shape, fov, meanFov / 45);
            LesionNoise = new ValueNoise(seeds.For(Purpose.LesionNoise), shape, fov, meanFov / 22);
            Bias = new ValueNoise[Channels];
            for (var c = 0; c < Channels; c++)
            {
                Bias[c] = new ValueNoise(seeds.For(Purpose.Bias, (ulong)c), shape, fov, meanFov / 2.2);
            }
        }

        public PhantomFrame Frame { get; }

        public Ellipsoid Head { get; }

        public float HeadMeanSemiAxis { get; }

        public Ellipsoid LeftVentricle { get; }

        public Ellipsoid RightVentricle { get; }

        public float[] Gain { get; }

        public Lesion[] Lesions { get; }

        /// <summary>Gets the unlabelled white-matter hyperintensities.</summary>
        public LesionShape[] Mimics { get; }

        public ValueNoise HeadNoise { get; }

        public ValueNoise Texture { get; }

        public ValueNoise Detail { get; }

        public ValueNoise Fine { get; }

        public ValueNoise Fold { get; }

        public ValueNoise LesionNoise { get; }

        public ValueNoise[] Bias { get; }

        public SyntheticLesion Describe(Lesion lesion)
        {
            var (cx, cy, cz) = lesion.Shape.Centre;
            return new SyntheticLesion(Frame.ToVoxel(cx, cy, cz), lesion.Shape.Radius, lesion.Shape.CoreFraction > 0, lesion.Shape.NecrosisFraction > 0, lesion.IsSmall);
        }

        /// <summary>
        /// Draws the lesions: the first is a large tumour with an enhancing rim and usually necrosis; the others are
        /// small satellites (60 %) or medium tumours. Centres are drawn so the bulk of each lesion lies inside the brain;
        /// the label is additionally clipped to the brain.
        /// </summary>
        private static Lesion[] PlaceLesions(DeterministicRandom random, SyntheticPhantomOptions options, PhantomFrame frame, (float X, float Y, float Z) brain)
        {
            var count = random.NextInt(options.MinLesionCount, options.MaxLesionCount + 1);
            var reference = MathF.Cbrt(brain.X * brain.Y * brain.Z);
            var minimumRadius = (float)(1.5 * frame.LargestSpacing);
            var lesions = new Lesion[count];
            for (var k = 0; k < count; k++)
            {
                bool small;
                float radius, core, necrosis, noise;
                if (k == 0)
                {
                    (small, radius, core, noise) = (false, reference * (float)random.NextDouble(0.22, 0.36), (float)random.NextDouble(0.55, 0.75), 0.14f);
                    necrosis = random.NextDouble() < 0.85 ? core * (float)random.NextDouble(0.5, 0.75) : 0;
                }
                else if (random.NextDouble() < 0.6)
                {
                    (small, radius, core, noise, necrosis) = (true, reference * (float)random.NextDouble(0.06, 0.11), (float)random.NextDouble(0.5, 0.75), 0.08f, 0);
                }
                else
                {
                    (small, radius, core, noise) = (false, reference * (float)random.NextDouble(0.11, 0.19), (float)random.NextDouble(0.5, 0.7), 0.12f);
                    necrosis = random.NextDouble() < 0.4 ? core * (float)random.NextDouble(0.4, 0.65) : 0;
                }

                radius = Math.Max(radius, minimumRadius);
                var centre = DrawCentre(random, brain, radius, [.. lesions.Take(k).Select(l => l.Shape)]);
                var gain = (float)random.NextDouble(0.94, 1.06);
                lesions[k] = new Lesion(new LesionShape(random, centre, radius, core, necrosis, noise), gain, small);
            }

            return lesions;
        }

        /// <summary>Draws 2–6 small unlabelled hyperintensities in the brain, away from the tumours.</summary>
        private static LesionShape[] PlaceMimics(DeterministicRandom random, PhantomFrame frame, (float X, float Y, float Z) brain, Lesion[] lesions)
        {
            var count = random.NextInt(2, 7);
            var reference = MathF.Cbrt(brain.X * brain.Y * brain.Z);
            var minimumRadius = (float)(1.2 * frame.LargestSpacing);
            var placed = new List<LesionShape>(lesions.Select(l => l.Shape));
            var mimics = new LesionShape[count];
            for (var k = 0; k < count; k++)
            {
                var radius = Math.Max(minimumRadius, reference * (float)random.NextDouble(0.03, 0.07));
                var centre = DrawCentre(random, brain, radius, [.. placed]);
                mimics[k] = new LesionShape(random, centre, radius, 0, 0, 0.1f);
                placed.Add(mimics[k]);
            }

            return mimics;
        }

        private static (float X, float Y, float Z) DrawCentre(DeterministicRandom random, (float X, float Y, float Z) brain, float radius, LesionShape[] others)
        {
            // The centre lies in the brain ellipsoid shrunk by the lesion's typical extent (1.2·radius) along every axis.
            var sx = Math.Max(0.05f * brain.X, (0.92f * brain.X) - (1.2f * radius));
            var sy = Math.Max(0.05f * brain.Y, (0.92f * brain.Y) - (1.2f * radius));
            var sz = Math.Max(0.05f * brain.Z, (0.92f * brain.Z) - (1.2f * radius));
            (float X, float Y, float Z) best = (0, 0, 0);
            var bestClearance = float.NegativeInfinity;
            for (var attempt = 0; attempt < 64; attempt++)
            {
                float u, v, t;
                do
                {
                    u = (float)((2 * random.NextDouble()) - 1);
                    v = (float)((2 * random.NextDouble()) - 1);
                    t = (float)((2 * random.NextDouble()) - 1);
                }
                while ((u * u) + (v * v) + (t * t) > 1);

                var candidate = (sx * u, sy * v, sz * t);
                var clearance = float.PositiveInfinity;
                foreach (var other in others)
                {
                    var (ox, oy, oz) = other.Centre;
                    var d = MathF.Sqrt(MathF.Pow(candidate.Item1 - ox, 2) + MathF.Pow(candidate.Item2 - oy, 2) + MathF.Pow(candidate.Item3 - oz, 2));
                    clearance = Math.Min(clearance, d - (1.3f * (radius + other.Radius)));
                }

                if (clearance >= 0)
                {
                    return candidate;
                }

                if (clearance > bestClearance)
                {
                    (best, bestClearance) = (candidate, clearance);
                }
            }

            return best; // crowded: the least overlapping candidate
        }
    }

    private sealed record Lesion(LesionShape Shape, float Gain, bool IsSmall);
}
