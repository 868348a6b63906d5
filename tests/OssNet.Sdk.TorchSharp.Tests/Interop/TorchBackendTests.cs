// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Interop;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Interop;

public sealed class TorchBackendTests
{
    [Fact]
    public void EnsureLoaded_CpuBackend_LoadsAndComputes()
    {
        TorchBackend.EnsureLoaded();
        using var a = torch.arange(6, dtype: ScalarType.Float32);
        using var sum = a.sum();
        Assert.Equal(15f, sum.item<float>());
    }

    [Fact]
    public void Conv3dBatchNorm3d_ForwardBackward_GivesFiniteGradients()
    {
        TorchBackend.EnsureLoaded();
        var generator = new torch.Generator(1234);
        using var conv = nn.Conv3d(4, 8, 3, padding: 1);
        using var norm = nn.BatchNorm3d(8);
        using var scope = torch.NewDisposeScope();
        var input = torch.randn([1, 4, 16, 16, 8], generator: generator).requires_grad_();
        var output = norm.call(conv.call(input));
        Assert.Equal(new long[] { 1, 8, 16, 16, 8 }, output.shape);
        output.pow(2).mean().backward();

        foreach (var (name, parameter) in conv.named_parameters().Concat(norm.named_parameters()))
        {
            Assert.NotNull(parameter.grad);
            Assert.True(parameter.grad!.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
            Assert.True(parameter.grad.abs().sum().item<float>() > 0, $"{name} has an all-zero gradient");
        }

        Assert.True(input.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void EnsureLoaded_MissingGlibcxx_ThrowsSdkExceptionNamingCauseAndFix()
    {
        var native = new DllNotFoundException(
            "Unable to load shared library 'LibTorchSharp': /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found");
        var failure = new TypeInitializationException("TorchSharp.torch", native);

        var ex = Assert.Throws<TorchBackendUnavailableException>(
            () => TorchBackend.EnsureLoaded(() => throw failure, () => null));

        Assert.Contains("GLIBCXX_3.4.32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("./build.sh prereq", ex.Message, StringComparison.Ordinal);
        Assert.Same(failure, ex.InnerException);
    }

    [Fact]
    public void EnsureLoaded_NoBackendPackage_ThrowsSdkExceptionNamingThePackage()
    {
        var failure = new NotSupportedException(
            "This application uses TorchSharp but doesn't contain reference to either libtorch-cuda-12.8 or libtorch-cpu.");

        var ex = Assert.Throws<TorchBackendUnavailableException>(
            () => TorchBackend.EnsureLoaded(() => throw failure, () => null));

        Assert.Contains("TorchSharp-cpu", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("GLIBCXX", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureLoaded_OldLibStdCxxOnDisk_NamesTheLibraryFile()
    {
        var fakeLib = Path.Combine(Path.GetTempPath(), $"ossnet-libstdcxx-{Guid.NewGuid():N}.so.6");
        File.WriteAllText(fakeLib, "GLIBCXX_3.4.30 GLIBCXX_3.4.31");
        try
        {
            var ex = Assert.Throws<TorchBackendUnavailableException>(
                () => TorchBackend.EnsureLoaded(() => throw new TypeInitializationException("TorchSharp.torch", null), () => fakeLib));
            Assert.Contains(fakeLib, ex.Message, StringComparison.Ordinal);
            Assert.Contains("GLIBCXX_3.4.32", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fakeLib);
        }
    }

    [Fact]
    public void TensorLeakGuard_LeakingAction_Fails()
    {
        var leaked = new List<Tensor>();
        Assert.ThrowsAny<Exception>(() => TensorLeakGuard.AssertNoLeaks(() => leaked.Add(torch.ones(2))));
        leaked.ForEach(t => t.Dispose());
    }
}
