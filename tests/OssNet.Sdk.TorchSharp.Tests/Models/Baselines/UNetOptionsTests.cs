// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.TorchSharp.Models.Baselines;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

public sealed class UNetOptionsTests
{
    /// <summary>An invalid setting and a fragment the message must contain.</summary>
    public static TheoryData<string, string> InvalidSettings => new()
    {
        { "Depth=0", "Depth" },
        { "Depth=13", "Depth" },
        { "SpatialDimensions=4", "SpatialDimensions" },
        { "InputChannels=0", "InputChannels" },
        { "Classes=1", "Classes" },
        { "BaseChannels=0", "BaseChannels" },
        { "ChannelMultiplier=0", "ChannelMultiplier" },
        { "Dropout=1", "Dropout must be below 1" },
        { "Dropout=-0.5", "Dropout" },
        { "Huge", "bottleneck would have 4096·8^11" },
    };

    [Fact]
    public void Defaults_AreTheBraTs3DPresetAndValid()
    {
        var options = new UNetOptions();

        options.Validate();
        Assert.Equal(UNetPresets.BraTs3D.Name, options.Name);
        Assert.Equal(new long[] { 20, 40, 80, 160, 320 }, options.LevelChannels);
        Assert.Equal(16, options.SizeMultiple);
        Assert.Equal(3, options.SpatialDimensions);
        Assert.Null(options.ActivationFactory);
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSetting_ThrowsNamingTheOptionAndTheProblem(string setting, string fragment)
    {
        var options = UNetPresets.Tiny3D;
        Apply(options, setting);

        var ex = Assert.Throws<ValidationException>(options.Validate);

        Assert.Contains("'tiny_3d'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutOfRange_MessageShowsTheValueItGot()
    {
        var options = UNetPresets.Tiny2D;
        options.Depth = 0;

        var ex = Assert.Throws<ValidationException>(options.Validate);

        Assert.Contains("(got 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsBeforeBuildingAnything()
    {
        var options = UNetPresets.Tiny3D;
        options.BaseChannels = 0;

        Assert.Throws<ValidationException>(() => new ResidualUNet3D(options));
        Assert.Throws<ValidationException>(() => ResidualUNet.Create(options));
    }

    [Fact]
    public void LevelChannelsAndSizeMultiple_FollowBaseMultiplierAndDepth()
    {
        var options = new UNetOptions { BaseChannels = 3, ChannelMultiplier = 3, Depth = 4 };

        Assert.Equal(new long[] { 3, 9, 27, 81 }, options.LevelChannels);
        Assert.Equal(8, options.SizeMultiple);
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var original = UNetPresets.Tiny3D;
        var copy = original.Clone();
        copy.Depth = 5;

        Assert.Equal(3, original.Depth);
    }

    [Fact]
    public void Model_Options_IsACopy()
    {
        using var model = new ResidualUNet3D(UNetPresets.Tiny3D);
        var options = model.Options;
        options.Depth = 7;

        Assert.Equal(3, model.Depth);
        Assert.Equal(3, model.Options.Depth);
    }

    private static void Apply(UNetOptions options, string setting)
    {
        if (setting == "Huge")
        {
            options.BaseChannels = 4096;
            options.ChannelMultiplier = 8;
            options.Depth = 12;
            return;
        }

        var parts = setting.Split('=');
        var property = typeof(UNetOptions).GetProperty(parts[0])!;
        property.SetValue(options, Convert.ChangeType(parts[1], property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
    }
}
