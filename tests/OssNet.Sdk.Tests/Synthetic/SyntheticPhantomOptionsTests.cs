// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Synthetic;

public sealed class SyntheticPhantomOptionsTests
{
    public static TheoryData<string, Action<SyntheticPhantomOptions>, string> InvalidOptions => new()
    {
        { "Shape", o => o.Shape = new VolumeShape(8, 64, 64), "8×64×64" },
        { "Shape", o => o.Shape = new VolumeShape(64, 2000, 64), "2000" },
        { "Spacing", o => o.Spacing = (1, 0, 1), "(1, 0, 1)" },
        { "Spacing", o => o.Spacing = (1, double.NaN, 1), "NaN" },
        { "MinLesionCount", o => o.MinLesionCount = -1, "-1" },
        { "MaxLesionCount", o => (o.MinLesionCount, o.MaxLesionCount) = (3, 2), "got 2" },
        { "MaxLesionCount", o => o.MaxLesionCount = 7, "got 7" },
        { "NoiseLevel", o => o.NoiseLevel = 0.7, "0.7" },
        { "BiasFieldStrength", o => o.BiasFieldStrength = -0.1, "-0.1" },
        { "Kind", o => o.Kind = (PhantomKind)9, "9" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidValue_ThrowsNamingOptionAndValue(string option, Action<SyntheticPhantomOptions> change, string value)
    {
        var options = new SyntheticPhantomOptions();
        change(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(option, error.ParamName);
        Assert.Contains("SyntheticPhantomOptions." + option, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SyntheticPhantoms.Generate(options));
    }

    [Fact]
    public void Defaults_AreValid_AndImitateTheBraTsFieldOfView()
    {
        var options = new SyntheticPhantomOptions();

        options.Validate();
        Assert.Equal(new VolumeShape(128, 128, 80), options.Shape);
        Assert.Equal((1.875, 1.875, 1.9375), options.EffectiveSpacing);
        Assert.Equal((1.0, 1.0, 1.0), new SyntheticPhantomOptions { Shape = new VolumeShape(240, 240, 155) }.EffectiveSpacing);
    }

    [Fact]
    public void ZeroLesions_GiveAnEmptyLabel()
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Shape = new VolumeShape(32, 32, 20), MinLesionCount = 0, MaxLesionCount = 0 });

        Assert.Equal(0, phantom.Label!.CountForeground());
    }
}
