// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks;

/// <summary>Adapts <see cref="PauMemoryBenchmark"/> (which launches its own child processes) to the command list.</summary>
internal sealed class PauMemoryCommand : IBenchmarkCommand
{
    public string Name => "pau-memory";

    public string Description => "peak RSS and time of one OSS-Net C training step at BraTS size, PAU vs stand-ins (child processes under prlimit)";

    public string Options => "[--points N]";

    public Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Task.FromResult(PauMemoryBenchmark.Run([.. arguments]));
}
