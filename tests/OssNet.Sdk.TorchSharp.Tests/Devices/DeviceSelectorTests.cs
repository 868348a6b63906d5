// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Devices;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Devices;

public sealed class DeviceSelectorTests
{
    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("CPU", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData(" cuda:3 ", "cuda:3")]
    public void Parse_ValidText_RoundTrips(string text, string expected) => Assert.Equal(expected, DeviceOption.Parse(text).ToString());

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Parse_InvalidText_ThrowsFormatException(string text) => Assert.Throws<FormatException>(() => DeviceOption.Parse(text));

    [Fact]
    public void Resolve_CpuBackend_AutoAndCpuGiveCpu()
    {
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(DeviceOption.Cpu).type);
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(DeviceOption.Auto, () => false, () => 0).type);
    }

    [Fact]
    public void Resolve_CudaWithoutCuda_ThrowsNamingTheBackendPackages()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(DeviceOption.Cuda(), () => false, () => 0));
        Assert.Contains("TorchSharp-cuda-linux", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CudaIndexOutOfRange_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(DeviceOption.Cuda(2), () => true, () => 1));
        Assert.Contains("only 1 CUDA device", ex.Message, StringComparison.Ordinal);
    }
}
