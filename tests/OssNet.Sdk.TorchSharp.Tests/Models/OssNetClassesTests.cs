// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.TorchSharp.Decoders;
using OssNet.Sdk.TorchSharp.Models.OssNet;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

/// <summary><see cref="OssNetOptions.Classes"/>: one logit for binary models, one per class for N ≥ 3, in decoder and head.</summary>
public sealed class OssNetClassesTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(5, 5)]
    public void Forward_TinyWithClasses_DecoderAndHeadOutputOneChannelPerClassBeyondBinary(int classes, long channels)
    {
        var options = OssNetPresets.Tiny;
        options.Classes = classes;
        options.Seed = 7;
        using var model = OssNetModel.Create(options);
        using var inputs = new ModelInputs(model.Options, batch: 2, points: 11, seed: 5);
        var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
        using (logits)
        using (lowResolution)
        {
            Assert.Equal(new[] { 2L, 11, channels }, logits.shape);
            Assert.NotNull(lowResolution);
            Assert.Equal(new[] { 2L, channels, 4, 4, 2 }, lowResolution.shape);
        }

        var state = model.state_dict();
        Assert.Equal(new[] { channels, 32L }, state["decoder.final_mapping.0.weight"].shape);
        Assert.Equal(new[] { channels, 8L, 5, 5, 5 }, state["encoder.segmentation_mapping.0.weight"].shape);
        Assert.Equal(classes, model.Classes);
        Assert.Equal(classes == 2, model.IsBinary);
    }

    [Fact]
    public void Create_ThreeClasses_AddsExactlyTheExtraOutputWeights()
    {
        var binary = OssNetPresets.Tiny;
        var three = OssNetPresets.Tiny;
        three.Classes = 3;
        using var a = OssNetModel.Create(binary);
        using var b = OssNetModel.Create(three);

        // Two more rows of the final Linear (width 32) and two more filters of the head (8 channels, 5³ kernel).
        Assert.Equal((2 * 32) + (2 * 8 * 125), b.TrainableParameterCount - a.TrainableParameterCount);
        Assert.Equal(a.state_dict().Keys, b.state_dict().Keys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(300)]
    public void Validate_ClassesOutOfRange_NamesTheOption(int classes)
    {
        var options = OssNetPresets.Tiny;
        options.Classes = classes;
        var ex = Assert.Throws<ValidationException>(() => options.Validate());
        Assert.Contains("Classes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CustomDecoderWithWrongOutputs_IsRejected()
    {
        var options = OssNetPresets.TinyONet;
        options.Classes = 4;
        var ex = Assert.Throws<InvalidOperationException>(() => OssNetModel.Create(
            options,
            decoderFactory: context => new ResidualConditionalBatchNormDecoder(context.LatentFeatures, [16, 16], context.PatchChannels)));
        Assert.Contains("outputs 1 logit(s) per point, the options' 4 classes need 4", ex.Message, StringComparison.Ordinal);

        using var fitting = OssNetModel.Create(
            options,
            decoderFactory: context => new ResidualConditionalBatchNormDecoder(
                context.LatentFeatures, [16, 16], context.PatchChannels, outputChannels: context.OutputChannels));
        Assert.Equal(4, fitting.Decoder.OutputChannels);
    }
}
