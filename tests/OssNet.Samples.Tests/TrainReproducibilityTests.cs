// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Samples.Tests;

/// <summary>
/// <c>ossnet train --seed</c> seeds everything a run draws (initial weights, shuffling, sampling, augmentation, dropout): the
/// same command writes the same weights file, and a run killed with SIGKILL and started again on its checkpoint folder writes
/// the same file as a run that was never interrupted.
/// </summary>
public sealed class TrainReproducibilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-train-seed-").FullName;

    private static string Tool => SampleProcess.DllOf("OssNet.Cli", "ossnet");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string[] Train(string output, string? checkpoints = null) =>
    [
        "train", "--data", "synthetic:2", "--preset", "tiny", "--epochs", "3", "--seed", "5", "--output", output,
        .. checkpoints is null ? Array.Empty<string>() : ["--checkpoints", checkpoints],
    ];

    [Fact]
    [Trait("Category", "Integration")]
    [Trait("Category", "Slow")] // four training processes: about a minute on 2 busy cores
    public async Task Train_SameSeed_WritesIdenticalWeights_AlsoAfterASigkillAndResume()
    {
        var first = await TrainAsync("first.safetensors");
        var second = await TrainAsync("second.safetensors");
        Assert.True(first.AsSpan().SequenceEqual(second), "two runs of the same command wrote different weights");

        var checkpoints = Path.Combine(_folder, "checkpoints");
        var last = Path.Combine(checkpoints, "last.ckpt");
        var resumedOutput = Path.Combine(_folder, "resumed.safetensors");
        using (var killed = SampleProcess.Start(Tool, _folder, Train(resumedOutput, checkpoints)))
        {
            var output = killed.StandardOutput.ReadToEndAsync(Token);
            var error = killed.StandardError.ReadToEndAsync(Token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            while (!File.Exists(last) && !killed.HasExited)
            {
                await Task.Delay(20, timeout.Token);
            }

            var exitedBeforeKill = killed.HasExited;
            killed.Kill(); // SIGKILL on Unix: no handler, no cleanup, the epoch in flight is lost
            await killed.WaitForExitAsync(Token);
            var log = $"exit {killed.ExitCode}\n{await output}\n{await error}";
            Assert.False(exitedBeforeKill, "the run ended before it could be killed: " + log);
            Assert.True(File.Exists(last), $"no {last} was written: {log}");
            Assert.True(killed.ExitCode != 0, "the killed run exited normally: " + log);
        }

        Assert.False(File.Exists(resumedOutput), "the killed run finished before it was killed; nothing was resumed");
        var resumed = await TrainAsync("resumed.safetensors", checkpoints);

        Assert.True(first.AsSpan().SequenceEqual(resumed), "the run resumed after SIGKILL wrote different weights than the uninterrupted one");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<byte[]> TrainAsync(string output, string? checkpoints = null)
    {
        var run = await SampleProcess.RunAsync(Tool, _folder, Train(output, checkpoints));
        Assert.True(run.ExitCode == 0, run.ToString());
        return await File.ReadAllBytesAsync(Path.Combine(_folder, output), Token);
    }
}
