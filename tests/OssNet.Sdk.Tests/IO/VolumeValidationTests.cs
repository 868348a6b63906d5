// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

public sealed class VolumeValidationTests
{
    [Fact]
    public void FindIssues_LabelOnOtherGridAndNonFiniteVoxels_ReportsBoth()
    {
        var image = TestVolumes.Image(new VolumeShape(3, 3, 3));
        image[0, 1, 1, 1] = float.NaN;
        image[0, 2, 1, 1] = float.NegativeInfinity;
        var label = LabelVolume.Zeros(VolumeGeometry.Create(new VolumeShape(3, 3, 2)));

        var issues = VolumeValidation.FindIssues(new VolumeCase("c", image, label));

        Assert.Equal(["label shape 3×3×2 differs from 3×3×3", "2 image values are NaN or infinite"], issues);
    }

    [Fact]
    public void DescribeMismatch_AffineBeyondTolerance_NamesBothAffines()
    {
        var a = VolumeGeometry.Create(new VolumeShape(2, 2, 2));
        var b = new VolumeGeometry(a.Shape, a.Spacing, AffineMatrix.Diagonal(1, 1, 1, 0.01, 0, 0));

        Assert.Null(VolumeValidation.DescribeMismatch(a, b, tolerance: 0.1));
        Assert.StartsWith("affine [[1, 0, 0, 0.01]", VolumeValidation.DescribeMismatch(a, b, tolerance: 0.001), StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureFinite_FiniteVolume_DoesNotThrow()
    {
        VolumeValidation.EnsureFinite(TestVolumes.Image(new VolumeShape(2, 2, 2)), "x");

        Assert.Equal(0, VolumeValidation.CountNonFinite(TestVolumes.Image(new VolumeShape(2, 2, 2))));
    }
}
