// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// Generates a LiTS-like 1-channel abdominal CT phantom in Hounsfield units: a body ellipse with subcutaneous fat and a
/// muscle wall, spine (vertebral bodies, discs, canal, spinous process), ribs, aorta and vena cava, kidneys, spleen,
/// stomach with gas, bowel with mesenteric fat and gas, and a lobed liver (right upper abdomen) with vessels and one to
/// three hypodense lesions. Axis convention RAS: +x patient right, +y anterior, +z superior.
/// </summary>
internal static class AbdomenPhantomGenerator
{
    public static SyntheticPhantom Generate(SyntheticPhantomOptions options, int index, string caseId)
    {
        var frame = new PhantomFrame(options.Shape, options.EffectiveSpacing);
        var seeds = new PhantomSeeds(options.Seed, index);
        var anatomy = new Anatomy(frame, seeds, options);
        var shape = frame.Shape;
        var n = (int)shape.VoxelCount;
        var image = new float[n];
        var labels = new byte[n];
        var tissues = new byte[n];
        var sigma = (float)(options.NoiseLevel * 1000);
        var shading = (float)(options.BiasFieldStrength * 50);
        Parallel.For(0, shape.X, x => GenerateSlab(x, anatomy, seeds, image, labels, tissues, sigma, shading));

        var geometry = frame.Geometry();
        var volumeCase = new VolumeCase(
            caseId,
            new Volume(geometry, 1, image),
            new LabelVolume(geometry, labels),
            SyntheticPhantoms.Metadata(options, index, anatomy.Lesions.Length, "CT (HU)", "1 liver, 2 liver lesion"));
        var lesions = anatomy.Lesions.Select(anatomy.Describe).ToArray();
        return new SyntheticPhantom(PhantomKind.AbdomenLiver, volumeCase, new LabelVolume(geometry, tissues), lesions);
    }

    private static void GenerateSlab(int x, Anatomy a, PhantomSeeds seeds, float[] image, byte[] labels, byte[] tissues, float sigma, float shading)
    {
        var frame = a.Frame;
        var (ny, nz) = (frame.Shape.Y, frame.Shape.Z);
        var slab = ny * nz;
        var noise = new float[slab];
        if (sigma > 0)
        {
            new DeterministicRandom(seeds.For(Purpose.VoxelNoise, (ulong)x)).AddGaussian(noise, sigma);
        }

        var px = frame.X[x];
        for (var y = 0; y < ny; y++)
        {
            var py = frame.Y[y];
            for (var z = 0; z < nz; z++)
            {
                var (value, tissue, label) = Voxel(a, x, y, z, px, py, frame.Z[z]);
                var voxel = (x * slab) + (y * nz) + z;
                if (tissue != PhantomTissue.Background && shading > 0)
                {
                    value += shading * a.Shading.Sample(x, y, z);
                }

                image[voxel] = Math.Clamp(value + noise[(y * nz) + z], AbdomenContrast.Minimum, AbdomenContrast.Maximum);
                labels[voxel] = label;
                tissues[voxel] = (byte)tissue;
            }
        }
    }

    /// <summary>Paints one voxel back to front: body layers, organs, liver, vessels, bone.</summary>
    private static (float Value, PhantomTissue Tissue, byte Label) Voxel(Anatomy a, int x, int y, int z, float px, float py, float pz)
    {
        var w = a.Frame.EdgeWidth;
        var (bu, bv) = (px / a.BodyX, py / a.BodyY);
        var bodyRadius = MathF.Sqrt((bu * bu) + (bv * bv));
        if (bodyRadius > 1.08f)
        {
            return (AbdomenContrast.Air, PhantomTissue.Background, 0);
        }

        var shapeNoise = a.ShapeNoise.Sample(x, y, z);
        bodyRadius *= 1 + (0.03f * shapeNoise);
        var scale = a.BodyY; // mm per unit of normalised body radius (the shorter semi-axis)
        var inBody = Smooth.Inside((1 - bodyRadius) * scale, w);
        var value = Smooth.Lerp(AbdomenContrast.Air, AbdomenContrast.Fat, inBody);
        var tissue = bodyRadius <= 1 ? PhantomTissue.Fat : PhantomTissue.Background;
        if (inBody <= 0)
        {
            return (value, tissue, 0);
        }

        var muscleOuter = 1 - a.FatThickness - (0.02f * shapeNoise);
        var cavityOuter = muscleOuter - a.MuscleThickness;
        Paint(ref value, ref tissue, Smooth.Inside((muscleOuter - bodyRadius) * scale, w), AbdomenContrast.Muscle, PhantomTissue.Muscle);
        var inCavity = Smooth.Inside((cavityOuter - bodyRadius) * scale, w);

        // Paraspinal muscles sit behind the cavity, either side of the spine.
        Paint(ref value, ref tissue, Math.Max(a.LeftParaspinal.Inside(px, py, pz, w), a.RightParaspinal.Inside(px, py, pz, w)), AbdomenContrast.Muscle, PhantomTissue.Muscle);

        if (inCavity > 0)
        {
            // Bowel and mesentery: soft tissue marbled with fat, and gas pockets in the anterior half.
            var texture = a.Texture.Sample(x, y, z);
            var fatFraction = Smooth.Step(0.05f, 0.35f, texture);
            var bowel = Smooth.Lerp(AbdomenContrast.SoftTissue, AbdomenContrast.Fat, fatFraction);
            Paint(ref value, ref tissue, inCavity, bowel, fatFraction >= 0.5f ? PhantomTissue.Fat : PhantomTissue.SoftTissue);
            if (py > -0.1f * a.BodyY)
            {
                var gas = Smooth.Step(0.5f, 0.58f, a.Gas.Sample(x, y, z)) * inCavity;
                Paint(ref value, ref tissue, gas, AbdomenContrast.Gas, PhantomTissue.BowelGas);
            }

            PaintKidney(ref value, ref tissue, a.LeftKidney, px, py, pz, w);
            PaintKidney(ref value, ref tissue, a.RightKidney, px, py, pz, w);
            if (a.Spleen.BoxContains(px, py, pz, 4 * w))
            {
                Paint(ref value, ref tissue, a.Spleen.Inside(px, py, pz, w, 0.06f * shapeNoise) * inCavity, AbdomenContrast.Spleen, PhantomTissue.Spleen);
            }

            if (a.Stomach.BoxContains(px, py, pz, 4 * w))
            {
                var inStomach = a.Stomach.Inside(px, py, pz, w, 0.05f * shapeNoise) * inCavity;
                var gasLevel = a.Stomach.CentreY + (0.35f * a.Stomach.SemiY);
                var content = py > gasLevel ? AbdomenContrast.Gas : AbdomenContrast.StomachFluid;
                Paint(ref value, ref tissue, inStomach, content, py > gasLevel ? PhantomTissue.BowelGas : PhantomTissue.Stomach);
            }
        }

        byte label = 0;
        if (inCavity > 0 && a.LiverBox.BoxContains(px, py, pz, 4 * w))
        {
            label = PaintLiver(a, x, y, z, px, py, pz, inCavity, shapeNoise, ref value, ref tissue);
        }

        // Great vessels in front of the spine (the vena cava runs behind the liver and is not liver).
        PaintEllipse(ref value, ref tissue, a.Aorta, px, py, w, AbdomenContrast.Aorta, PhantomTissue.Aorta);
        PaintEllipse(ref value, ref tissue, a.VenaCava, px, py, w, AbdomenContrast.VenaCava, PhantomTissue.VenaCava);

        PaintSpine(a, px, py, pz, w, ref value, ref tissue);
        PaintRibs(a, px, py, pz, bodyRadius, muscleOuter, scale, w, ref value, ref tissue);
        if (tissue is not (PhantomTissue.Liver or PhantomTissue.LiverVessel or PhantomTissue.LiverLesion))
        {
            label = 0;
        }

        return (value, tissue, label);
    }

    private static byte PaintLiver(Anatomy a, int x, int y, int z, float px, float py, float pz, float inCavity, float shapeNoise, ref float value, ref PhantomTissue tissue)
    {
        var w = a.Frame.EdgeWidth;
        var radius = Smooth.Min(Smooth.Min(a.RightLobe.Radius(px, py, pz), a.LeftLobe.Radius(px, py, pz), 0.18f), a.Caudate.Radius(px, py, pz), 0.12f);
        radius += 0.07f * shapeNoise;
        var inLiver = Smooth.Inside((1 - radius) * a.LiverScale, w) * inCavity;
        if (inLiver <= 0)
        {
            return 0;
        }

        // Parenchyma with a faint texture, then tubular vessels where two smooth fields are both near zero.
        var texture = a.Texture.Sample(x, y, z);
        var liver = a.LiverHu + (4 * texture);
        var v1 = a.VesselA.Sample(x, y, z);
        var v2 = a.VesselB.Sample(x, y, z);
        var vessel = 1 - Smooth.Step(0.06f, 0.1f, MathF.Sqrt((v1 * v1) + (v2 * v2)));
        vessel *= Smooth.Step(0.08f, 0.2f, 1 - radius); // keep vessels off the capsule
        liver = Smooth.Lerp(liver, AbdomenContrast.LiverVessel, vessel);
        Paint(ref value, ref tissue, inLiver, liver, vessel >= 0.5f ? PhantomTissue.LiverVessel : PhantomTissue.Liver);
        var isLiver = inLiver >= 0.5f;
        byte label = isLiver ? (byte)1 : (byte)0;
        var lesionNoise = float.NaN;
        foreach (var lesion in a.Lesions)
        {
            if (!lesion.Shape.IsNear(px, py, pz))
            {
                continue;
            }

            if (float.IsNaN(lesionNoise))
            {
                lesionNoise = a.LesionNoise.Sample(x, y, z);
            }

            var (outer, core, _, _) = lesion.Shape.Evaluate(px, py, pz, lesionNoise, w);
            if (outer <= 0)
            {
                continue;
            }

            // Hypodense lesion, heterogeneous; a rim lesion is brighter at its edge (peripheral enhancement).
            var inner = lesion.Hu + (6 * texture);
            var lesionValue = lesion.RimHu is { } rim ? Smooth.Lerp(rim, inner, core) : inner;
            value = Smooth.Lerp(value, lesionValue, outer * inLiver);
            if (outer >= 0.5f && isLiver)
            {
                tissue = PhantomTissue.LiverLesion;
                label = 2;
            }
        }

        return label;
    }

    private static void PaintKidney(ref float value, ref PhantomTissue tissue, Ellipsoid kidney, float px, float py, float pz, float w)
    {
        if (!kidney.BoxContains(px, py, pz, 4 * w))
        {
            return;
        }

        var radius = kidney.Radius(px, py, pz);
        var inKidney = Smooth.Inside((1 - radius) * kidney.SmallestSemiAxis, w);
        var medulla = Smooth.Inside((0.6f - radius) * kidney.SmallestSemiAxis, w);
        Paint(ref value, ref tissue, inKidney, Smooth.Lerp(AbdomenContrast.KidneyCortex, AbdomenContrast.KidneyMedulla, medulla), PhantomTissue.Kidney);
    }

    private static void PaintSpine(Anatomy a, float px, float py, float pz, float w, ref float value, ref PhantomTissue tissue)
    {
        if (py > a.Vertebra.CentreY + a.Vertebra.SemiY + (4 * w) || Math.Abs(px) > a.Vertebra.SemiX + (4 * w))
        {
            return;
        }

        var level = (pz - a.SpinePhase) / a.SpinePeriod;
        var isDisc = level - MathF.Floor(level) < 0.2f;
        var radius = a.Vertebra.Radius(px, py, 0);
        var inBody = Smooth.Inside((1 - radius) * a.Vertebra.SmallestSemiAxis, w);
        if (isDisc)
        {
            Paint(ref value, ref tissue, inBody, AbdomenContrast.Disc, PhantomTissue.IntervertebralDisc);
        }
        else
        {
            // Cancellous bone inside a 2.5 mm cortical shell.
            var marrow = Smooth.Inside(((1 - radius) * a.Vertebra.SmallestSemiAxis) - 2.5f, w);
            Paint(ref value, ref tissue, inBody, Smooth.Lerp(AbdomenContrast.CorticalBone, AbdomenContrast.CancellousBone, marrow), PhantomTissue.Bone);
        }

        PaintEllipse(ref value, ref tissue, a.Canal, px, py, w, AbdomenContrast.SpinalCanal, PhantomTissue.SpinalCanal);
        if (!isDisc)
        {
            PaintEllipse(ref value, ref tissue, a.SpinousProcess, px, py, w, 600, PhantomTissue.Bone);
        }
    }

    private static void PaintRibs(Anatomy a, float px, float py, float pz, float bodyRadius, float muscleOuter, float scale, float w, ref float value, ref PhantomTissue tissue)
    {
        if (pz < a.RibsFrom)
        {
            return;
        }

        // Ribs run in the muscle wall around the sides and back; angle 0 is anterior.
        var ribRadius = muscleOuter - (0.5f * a.MuscleThickness);
        var radial = Smooth.Inside((0.018f - Math.Abs(bodyRadius - ribRadius)) * scale, w);
        if (radial <= 0)
        {
            return;
        }

        var fromAnterior = Math.Abs(MathF.Atan2(px, py));
        if (fromAnterior < 0.7f || fromAnterior > 2.75f)
        {
            return;
        }

        var level = (pz - a.RibPhase + (a.RibSlope * fromAnterior)) / a.RibPeriod;
        var band = Smooth.Inside((0.16f - Math.Abs(level - MathF.Round(level))) * a.RibPeriod, w);
        Paint(ref value, ref tissue, radial * band, 650, PhantomTissue.Bone);
    }

    /// <summary>Paints an extrusion along z of an ellipse (uses the ellipsoid's X/Y only).</summary>
    private static void PaintEllipse(ref float value, ref PhantomTissue tissue, Ellipsoid e, float px, float py, float w, float hu, PhantomTissue kind)
    {
        var u = (px - e.CentreX) / e.SemiX;
        var v = (py - e.CentreY) / e.SemiY;
        var r = MathF.Sqrt((u * u) + (v * v));
        if (r < 1.5f)
        {
            Paint(ref value, ref tissue, Smooth.Inside((1 - r) * Math.Min(e.SemiX, e.SemiY), w), hu, kind);
        }
    }

    private static void Paint(ref float value, ref PhantomTissue tissue, float weight, float hu, PhantomTissue kind)
    {
        if (weight <= 0)
        {
            return;
        }

        value = Smooth.Lerp(value, hu, weight);
        if (weight >= 0.5f)
        {
            tissue = kind;
        }
    }

    private static class Purpose
    {
        public const ulong Anatomy = 101;
        public const ulong ShapeNoise = 102;
        public const ulong Texture = 103;
        public const ulong Gas = 104;
        public const ulong VesselA = 105;
        public const ulong VesselB = 106;
        public const ulong LesionNoise = 107;
        public const ulong Shading = 108;
        public const ulong VoxelNoise = 109;
    }

    /// <summary>Everything drawn once per case.</summary>
    private sealed class Anatomy
    {
        /// <summary>The z semi-axis of structures that run through the whole volume (spine, great vessels, back muscles).</summary>
        private const float Extruded = 1e5f;

        public Anatomy(PhantomFrame frame, PhantomSeeds seeds, SyntheticPhantomOptions options)
        {
            Frame = frame;
            var r = new DeterministicRandom(seeds.For(Purpose.Anatomy));
            var fov = frame.FieldOfView;
            float J(double spread) => (float)r.NextDouble(1 - spread, 1 + spread);

            BodyX = (float)(0.44 * fov.X) * J(0.04);
            BodyY = (float)(0.33 * fov.Y) * J(0.05);
            FatThickness = (float)r.NextDouble(0.07, 0.13);
            MuscleThickness = 0.045f;
            var (bx, by, fz) = (BodyX, BodyY, (float)fov.Z);

            LeftParaspinal = new Ellipsoid(-0.17f * bx, -0.74f * by, 0, 0.13f * bx, 0.2f * by, Extruded);
            RightParaspinal = new Ellipsoid(0.17f * bx, -0.74f * by, 0, 0.13f * bx, 0.2f * by, Extruded);
            Vertebra = new Ellipsoid(0, -0.5f * by, 0, 0.16f * by * J(0.05), 0.13f * by * J(0.05), Extruded);
            Canal = new Ellipsoid(0, Vertebra.CentreY - Vertebra.SemiY - (0.07f * by), 0, 0.06f * by, 0.055f * by, Extruded);
            SpinousProcess = new Ellipsoid(0, Canal.CentreY - (0.16f * by), 0, 0.03f * by, 0.09f * by, Extruded);
            SpinePeriod = 0.12f * fz * J(0.08);
            SpinePhase = (float)r.NextDouble(0, SpinePeriod);
            RibPeriod = 0.09f * fz * J(0.1);
            RibPhase = (float)r.NextDouble(0, RibPeriod);
            RibSlope = 0.05f * fz;
            RibsFrom = (float)(-0.1 * fz * r.NextDouble(0.5, 1.5));
            Aorta = new Ellipsoid(-0.12f * by, -0.28f * by, 0, 0.075f * by * J(0.1), 0.075f * by * J(0.1), Extruded);
            VenaCava = new Ellipsoid(0.15f * by, -0.25f * by, 0, 0.08f * by * J(0.1), 0.06f * by * J(0.1), Extruded);

            var kidneyZ = (float)(-0.1 * fz * J(0.3));
            LeftKidney = new Ellipsoid(-0.5f * bx * J(0.05), -0.42f * by, kidneyZ, 0.12f * bx * J(0.08), 0.17f * by * J(0.08), 0.16f * fz * J(0.08));
            RightKidney = new Ellipsoid(0.5f * bx * J(0.05), -0.42f * by, kidneyZ - (0.03f * fz), 0.12f * bx * J(0.08), 0.17f * by * J(0.08), 0.16f * fz * J(0.08));
            Spleen = new Ellipsoid(-0.58f * bx * J(0.05), -0.25f * by, 0.15f * fz * J(0.15), 0.16f * bx * J(0.1), 0.3f * by * J(0.1), 0.13f * fz * J(0.1));
            Stomach = new Ellipsoid(-0.27f * bx * J(0.08), 0.25f * by * J(0.1), 0.18f * fz * J(0.1), 0.2f * bx * J(0.1), 0.25f * by * J(0.1), 0.12f * fz * J(0.1));

            var liverZ = 0.17f * fz * J(0.1);
            RightLobe = new Ellipsoid(0.42f * bx * J(0.05), 0.02f * by, liverZ, 0.4f * bx * J(0.06), 0.58f * by * J(0.06), 0.24f * fz * J(0.08));
            LeftLobe = new Ellipsoid(-0.1f * bx * J(0.2), 0.3f * by * J(0.1), liverZ + (0.04f * fz), 0.34f * bx * J(0.12), 0.26f * by * J(0.1), 0.11f * fz * J(0.12));
            Caudate = new Ellipsoid(0.1f * bx, -0.18f * by, liverZ, 0.12f * bx, 0.14f * by, 0.09f * fz);
            LiverScale = 0.5f * (LeftLobe.SmallestSemiAxis + RightLobe.SmallestSemiAxis);
            var minX = Math.Min(LeftLobe.CentreX - LeftLobe.SemiX, Caudate.CentreX - Caudate.SemiX);
            var maxX = RightLobe.CentreX + RightLobe.SemiX;
            var minY = Math.Min(RightLobe.CentreY - RightLobe.SemiY, Caudate.CentreY - Caudate.SemiY);
            var maxY = Math.Max(RightLobe.CentreY + RightLobe.SemiY, LeftLobe.CentreY + LeftLobe.SemiY);
            var minZ = RightLobe.CentreZ - RightLobe.SemiZ;
            var maxZ = Math.Max(RightLobe.CentreZ + RightLobe.SemiZ, LeftLobe.CentreZ + LeftLobe.SemiZ);
            LiverBox = new Ellipsoid(
                (minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2,
                (1.15f * (maxX - minX) / 2) + 0.1f * LiverScale,
                (1.15f * (maxY - minY) / 2) + 0.1f * LiverScale,
                (1.15f * (maxZ - minZ) / 2) + 0.1f * LiverScale);
            LiverHu = AbdomenContrast.Liver + (float)r.NextDouble(-5, 5);
            Lesions = PlaceLesions(r, options);

            var meanFov = (fov.X + fov.Y + fov.Z) / 3;
            var shape = frame.Shape;
            ShapeNoise = new ValueNoise(seeds.For(Purpose.ShapeNoise), shape, fov, meanFov / 5);
            Texture = new ValueNoise(seeds.For(Purpose.Texture), shape, fov, meanFov / 24);
            Gas = new ValueNoise(seeds.For(Purpose.Gas), shape, fov, meanFov / 26);
            VesselA = new ValueNoise(seeds.For(Purpose.VesselA), shape, fov, meanFov / 7);
            VesselB = new ValueNoise(seeds.For(Purpose.VesselB), shape, fov, meanFov / 7);
            LesionNoise = new ValueNoise(seeds.For(Purpose.LesionNoise), shape, fov, meanFov / 25);
            Shading = new ValueNoise(seeds.For(Purpose.Shading), shape, fov, meanFov / 2);
        }

        public PhantomFrame Frame { get; }

        public float BodyX { get; }

        public float BodyY { get; }

        public float FatThickness { get; }

        public float MuscleThickness { get; }

        public Ellipsoid LeftParaspinal { get; }

        public Ellipsoid RightParaspinal { get; }

        public Ellipsoid Vertebra { get; }

        public Ellipsoid Canal { get; }

        public Ellipsoid SpinousProcess { get; }

        public float SpinePeriod { get; }

        public float SpinePhase { get; }

        public float RibPeriod { get; }

        public float RibPhase { get; }

        public float RibSlope { get; }

        public float RibsFrom { get; }

        public Ellipsoid Aorta { get; }

        public Ellipsoid VenaCava { get; }

        public Ellipsoid LeftKidney { get; }

        public Ellipsoid RightKidney { get; }

        public Ellipsoid Spleen { get; }

        public Ellipsoid Stomach { get; }

        public Ellipsoid RightLobe { get; }

        public Ellipsoid LeftLobe { get; }

        public Ellipsoid Caudate { get; }

        public Ellipsoid LiverBox { get; }

        public float LiverScale { get; }

        public float LiverHu { get; }

        public Lesion[] Lesions { get; }

        public ValueNoise ShapeNoise { get; }

        public ValueNoise Texture { get; }

        public ValueNoise Gas { get; }

        public ValueNoise VesselA { get; }

        public ValueNoise VesselB { get; }

        public ValueNoise LesionNoise { get; }

        public ValueNoise Shading { get; }

        public SyntheticLesion Describe(Lesion lesion)
        {
            var (cx, cy, cz) = lesion.Shape.Centre;
            return new SyntheticLesion(Frame.ToVoxel(cx, cy, cz), lesion.Shape.Radius, false, false, lesion.IsSmall);
        }

        /// <summary>Liver radius (smooth union of the lobes, 1 on the surface) without the boundary noise.</summary>
        private float LiverRadius(float x, float y, float z) =>
            Smooth.Min(Smooth.Min(RightLobe.Radius(x, y, z), LeftLobe.Radius(x, y, z), 0.18f), Caudate.Radius(x, y, z), 0.12f);

        /// <summary>Draws hypodense lesions inside the liver: the first medium to large, the others small (60 %) or medium.</summary>
        private Lesion[] PlaceLesions(DeterministicRandom r, SyntheticPhantomOptions options)
        {
            var count = r.NextInt(options.MinLesionCount, options.MaxLesionCount + 1);
            var minimumRadius = (float)(1.5 * Frame.LargestSpacing);
            var lesions = new Lesion[count];
            for (var k = 0; k < count; k++)
            {
                var small = k > 0 && r.NextDouble() < 0.6;
                var radius = LiverScale * (float)(small ? r.NextDouble(0.07, 0.14) : r.NextDouble(0.18, 0.42));
                radius = Math.Max(radius, minimumRadius);
                var centre = DrawCentre(r, radius, lesions.AsSpan(0, k));
                var hasRim = !small && r.NextDouble() < 0.2;
                var shape = new LesionShape(r, centre, radius, hasRim ? 0.85f : 0, 0, small ? 0.08f : 0.14f);
                lesions[k] = new Lesion(shape, AbdomenContrast.Liver - (float)r.NextDouble(25, 45), hasRim ? 75f : null, small);
            }

            return lesions;
        }

        private (float X, float Y, float Z) DrawCentre(DeterministicRandom r, float radius, ReadOnlySpan<Lesion> others)
        {
            (float X, float Y, float Z) best = (RightLobe.CentreX, RightLobe.CentreY, RightLobe.CentreZ);
            var bestScore = float.NegativeInfinity;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var c = (
                    RightLobe.CentreX + ((float)((2 * r.NextDouble()) - 1) * RightLobe.SemiX),
                    RightLobe.CentreY + ((float)((2 * r.NextDouble()) - 1) * RightLobe.SemiY),
                    RightLobe.CentreZ + ((float)((2 * r.NextDouble()) - 1) * RightLobe.SemiZ));
                if (c.Item3 > 0.45f * (float)Frame.FieldOfView.Z)
                {
                    continue; // keep lesions in the field of view
                }

                // Depth inside the liver (mm, approximate) minus the lesion's typical extent.
                var score = ((0.9f - LiverRadius(c.Item1, c.Item2, c.Item3)) * LiverScale) - (1.2f * radius);
                foreach (var other in others)
                {
                    var (ox, oy, oz) = other.Shape.Centre;
                    var d = MathF.Sqrt(MathF.Pow(c.Item1 - ox, 2) + MathF.Pow(c.Item2 - oy, 2) + MathF.Pow(c.Item3 - oz, 2));
                    score = Math.Min(score, d - (1.3f * (radius + other.Shape.Radius)));
                }

                if (score >= 0)
                {
                    return c;
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            return best;
        }
    }

    private sealed record Lesion(LesionShape Shape, float Hu, float? RimHu, bool IsSmall);
}
