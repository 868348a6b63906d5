// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private static readonly byte[] s_original = "original content"u8.ToArray();
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task WriteAsync_WriterThrowsHalfway_LeavesOldFileAndNoTemporaryFile()
    {
        var path = _dir.Write("target.bin", s_original);

        var e = await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100_000], ct);
            throw new IOException("disk full (simulated)");
        }, TestContext.Current.CancellationToken));

        Assert.Equal("disk full (simulated)", e.Message);
        AssertOnlyOriginal(path);
    }

    [Fact]
    public async Task WriteAsync_CancelledHalfway_LeavesOldFileAndNoTemporaryFile()
    {
        var path = _dir.Write("target.bin", s_original);
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[100_000], ct);
            await cts.CancelAsync();
            await stream.WriteAsync(new byte[100_000], ct);
        }, cts.Token));

        AssertOnlyOriginal(path);
    }

    [Theory]
    [InlineData("target.nii.gz")]
    [InlineData("target.mha")]
    [InlineData("target.mhd")]
    public async Task VolumeFileWrite_Cancelled_NeverClobbersExistingFile(string name)
    {
        var path = _dir.Write(name, s_original);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => VolumeFile.WriteAsync(path, TestVolumes.Image(new VolumeShape(40, 40, 40)), cts.Token));

        AssertOnlyOriginal(path);
    }

    [Fact]
    public async Task WriteAsync_Success_ReplacesFileAndLeavesNoTemporaryFile()
    {
        var path = _dir.Write("target.bin", s_original);

        await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync("new"u8.ToArray(), ct).AsTask(), TestContext.Current.CancellationToken);

        Assert.Equal("new"u8.ToArray(), await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }

    public void Dispose() => _dir.Dispose();

    private void AssertOnlyOriginal(string path)
    {
        Assert.Equal(s_original, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }
}
