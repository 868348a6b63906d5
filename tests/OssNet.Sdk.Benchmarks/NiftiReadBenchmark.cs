// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks;

/// <summary>
/// Times reading a BraTS-sized 240×240×155×4 float32 .nii.gz with <see cref="NiftiReader"/> and with nibabel
/// (np.asanyarray(nib.load(path).dataobj)), best of several runs each, on the same generated file.
/// </summary>
internal sealed class NiftiReadBenchmark : IBenchmarkCommand
{
    private const int X = 240, Y = 240, Z = 155, Channels = 4;

    /// <summary>Times load + decompress only (the interpreter start and imports are outside the timer).</summary>
    private const string NibabelScript = """
        import sys, time, json, numpy as np, nibabel as nib
        path, runs = sys.argv[1], int(sys.argv[2])
        def best(fn):
            wall, cpu = [], []
            for _ in range(runs):
                t, c = time.perf_counter(), time.process_time()
                fn()
                wall.append(time.perf_counter() - t); cpu.append(time.process_time() - c)
            return {"wall": min(wall), "cpu": min(cpu)}
        def load():
            return np.asanyarray(nib.load(path).dataobj)
        def load_sdk_order():
            # The same [C, X, Y, Z] C-order layout the SDK returns (nibabel's own array is a Fortran-order view).
            return np.ascontiguousarray(np.transpose(np.asanyarray(nib.load(path).dataobj), (3, 0, 1, 2)))
        a = load()
        assert a.shape == (240, 240, 155, 4) and a.dtype == np.float32
        print(json.dumps({"load": best(load), "load_sdk_order": best(load_sdk_order), "nibabel": nib.__version__, "numpy": np.__version__}))
        """;

    public string Name => "nifti-read";

    public string Description => "read a 240×240×155×4 float32 .nii.gz with OssNet.Sdk and with nibabel (best of N runs)";

    public string Options => "--runs N (5)  --report <file.md>  --python <interpreter> (/usr/bin/python3)  --folder <dir> (temporary)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var runs = BenchmarkArguments.GetInt(arguments, "--runs", 5);
        var python = BenchmarkArguments.Get(arguments, "--python") ?? "/usr/bin/python3";
        var report = BenchmarkArguments.Get(arguments, "--report");
        var given = BenchmarkArguments.Get(arguments, "--folder");
        var folder = given ?? Path.Combine(Path.GetTempPath(), "ossnet-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var gz = Path.Combine(folder, "brats-like.nii.gz");
            var raw = Path.Combine(folder, "brats-like.nii");
            Console.WriteLine($"generating {X}×{Y}×{Z}×{Channels} float32 in {folder} …");
            var volume = Generate();
            await NiftiWriter.WriteAsync(gz, volume, cancellationToken: cancellationToken);
            await NiftiWriter.WriteAsync(raw, volume, cancellationToken: cancellationToken);
            var megabytes = volume.Voxels.Length * 4 / 1e6;
            var gzBytes = new FileInfo(gz).Length;
            Console.WriteLine($"uncompressed {megabytes:F1} MB; .nii.gz {gzBytes / 1e6:F1} MB (ratio {megabytes * 1e6 / gzBytes:F2})");

            var ours = await TimeOursAsync(gz, volume, runs, cancellationToken);
            var oursRaw = await TimeOursAsync(raw, volume, runs, cancellationToken);
            var nibabel = TimeNibabel(python, gz, runs);

            var text = Report(arguments, megabytes, gzBytes, runs, ours, oursRaw, nibabel);
            Console.WriteLine();
            Console.WriteLine(text);
            if (report is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
                await File.WriteAllTextAsync(report, text, cancellationToken);
                Console.WriteLine($"wrote {report}");
            }

            return 0;
        }
        finally
        {
            if (given is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Four MRI-like channels: a noisy, textured ellipsoid "head" on a zero background (realistic compressibility).</summary>
    private static Volume Generate()
    {
        var volume = Volume.Zeros(VolumeGeometry.Create(new VolumeShape(X, Y, Z)), Channels);
        var v = volume.Voxels.Span;
        var random = new Random(20210901);
        var i = 0;
        for (var c = 0; c < Channels; c++)
        {
            for (var x = 0; x < X; x++)
            {
                for (var y = 0; y < Y; y++)
                {
                    for (var z = 0; z < Z; z++, i++)
                    {
                        double dx = (x - 120) / 80.0, dy = (y - 120) / 100.0, dz = (z - 77) / 65.0;
                        if ((dx * dx) + (dy * dy) + (dz * dz) >= 1)
                        {
                            continue;
                        }

                        var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                        v[i] = (float)(200 + (100 * c) + (60 * Math.Sin((x * 0.11) + c) * Math.Cos(y * 0.07)) + (20 * Math.Sin(z * 0.13)) + (15 * gauss));
                    }
                }
            }
        }

        return volume;
    }

    private static async Task<Timing> TimeOursAsync(string path, Volume expected, int runs, CancellationToken cancellationToken)
    {
        var check = await NiftiReader.ReadVolumeAsync(path, cancellationToken: cancellationToken); // warm-up and correctness check
        if (!check.Voxels.Span.SequenceEqual(expected.Voxels.Span))
        {
            throw new InvalidOperationException($"{path} did not read back identically");
        }

        var best = new Timing(double.MaxValue, double.MaxValue);
        using var process = Process.GetCurrentProcess();
        for (var r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: cancellationToken);
            watch.Stop();
            process.Refresh();
            var used = (process.TotalProcessorTime - cpu).TotalSeconds;
            GC.KeepAlive(volume);
            best = new Timing(Math.Min(best.Wall, watch.Elapsed.TotalSeconds), Math.Min(best.Cpu, used));
            Console.WriteLine($"  OssNet.Sdk {Path.GetFileName(path)} run {r + 1}: {watch.Elapsed.TotalMilliseconds:F0} ms wall, {used * 1000:F0} ms CPU");
        }

        return best;
    }

    private static JsonElement? TimeNibabel(string python, string path, int runs)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(NibabelScript);
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(runs.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"nibabel run failed ({process.ExitCode}): {stderr.Trim()}");
                return null;
            }

            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"cannot start {python}: {e.Message}");
            return null;
        }
    }

    private static string Report(IReadOnlyList<string> arguments, double megabytes, long gzBytes, int runs, Timing ours, Timing oursRaw, JsonElement? nibabel)
    {
        var c = CultureInfo.InvariantCulture;
        string Row(string reader, string output, Timing t) =>
            string.Create(c, $"| {reader} | {output} | {t.Wall * 1000:F0} ms | {megabytes / t.Wall:F0} MB/s | {t.Cpu * 1000:F0} ms | {megabytes / t.Cpu:F0} MB/s |");
        var text = new StringBuilder();
        text.AppendLine("# NIfTI read benchmark");
        text.AppendLine();
        text.AppendLine(c, $"Reading a BraTS-sized {X}×{Y}×{Z}×{Channels} float32 image ({megabytes:F1} MB uncompressed, {gzBytes / 1e6:F1} MB as .nii.gz, written by the SDK");
        text.AppendLine(c, $"at CompressionLevel.Fastest) into memory. Best of {runs} runs after one warm-up (wall clock and process CPU time, each the");
        text.AppendLine("minimum over the runs); MB/s counts uncompressed bytes. CPU time is the steadier number on a shared machine.");
        text.AppendLine();
        text.AppendLine("| Reader | Output | Wall | Wall MB/s | CPU | CPU MB/s |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        text.AppendLine(Row("OssNet.Sdk `NiftiReader.ReadVolumeAsync` (.nii.gz)", "float32 [C, X, Y, Z], z fastest", ours));
        if (nibabel is { } n)
        {
            Timing Get(string name) => new(n.GetProperty(name).GetProperty("wall").GetDouble(), n.GetProperty(name).GetProperty("cpu").GetDouble());
            var load = Get("load");
            var sdkOrder = Get("load_sdk_order");
            text.AppendLine(Row($"nibabel {n.GetProperty("nibabel").GetString()} `np.asanyarray(nib.load(p).dataobj)` (.nii.gz)", "float32 (X, Y, Z, C), Fortran-order view", load));
            text.AppendLine(Row("nibabel, then `np.ascontiguousarray(np.transpose(a, (3, 0, 1, 2)))`", "the SDK's layout", sdkOrder));
            text.AppendLine(Row("OssNet.Sdk, uncompressed .nii (reference)", "float32 [C, X, Y, Z]", oursRaw));
            text.AppendLine();
            text.AppendLine(c, $"OssNet.Sdk is **{load.Wall / ours.Wall:F2}×** nibabel's speed by wall clock and **{load.Cpu / ours.Cpu:F2}×** by CPU time");
            text.AppendLine(c, $"(against nibabel's own Fortran-order result; {sdkOrder.Wall / ours.Wall:F2}× / {sdkOrder.Cpu / ours.Cpu:F2}× when nibabel also produces the SDK's layout).");
            text.AppendLine(c, $"nibabel ran on numpy {n.GetProperty("numpy").GetString()}; its timers cover load + decompress only (interpreter start and imports excluded).");
        }
        else
        {
            text.AppendLine(Row("OssNet.Sdk, uncompressed .nii (reference)", "float32 [C, X, Y, Z]", oursRaw));
            text.AppendLine();
            text.AppendLine("nibabel was not available, so it was not timed.");
        }

        text.AppendLine();
        text.AppendLine("Machine: " + MachineInfo.Describe() + ".");
        text.AppendLine("Load average at the end of the run: " + MachineInfo.LoadAverage() + " (other jobs shared the 2 cores, which inflates wall-clock times).");
        text.AppendLine();
        text.AppendLine("Command:");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine("dotnet run --project tests/OssNet.Sdk.Benchmarks -c Release -- nifti-read " + string.Join(" ", arguments));
        text.AppendLine("```");
        return text.ToString();
    }

    /// <summary>A best wall-clock time and a best CPU time, in seconds.</summary>
    private readonly record struct Timing(double Wall, double Cpu);
}
