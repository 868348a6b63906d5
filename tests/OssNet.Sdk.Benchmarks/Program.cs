// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks;

// A plain command dispatcher: one line per command, each command in its own file.
var command = args.Length > 0 ? args[0] : string.Empty;
var rest = args.Length > 1 ? args[1..] : [];
return command switch
{
    "pau-memory" => PauMemoryBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: OssNet.Sdk.Benchmarks <command> [options]");
    Console.Error.WriteLine("  pau-memory   peak RSS and time of one OSS-Net C training step at BraTS size, PAU vs stand-ins (child processes under prlimit)");
    return 2;
}
