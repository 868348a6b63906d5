// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using OssNet.Sdk.TorchSharp.Interop;
using TorchSharp;
using static TorchSharp.torch;

// Quick start. Today it checks the native backend and runs one Conv3d + BatchNorm3d training step on a
// random 4-channel volume; training and segmenting a synthetic phantom arrive with the models and the trainer.
TorchBackend.EnsureLoaded();
Console.WriteLine($"TorchSharp backend loaded: CUDA available = {torch.cuda.is_available()}, threads = {torch.get_num_threads()}");

var stopwatch = Stopwatch.StartNew();
var generator = new torch.Generator(42);
using var conv = nn.Conv3d(4, 16, 3, padding: 1);
using var norm = nn.BatchNorm3d(16);
using (var scope = torch.NewDisposeScope())
{
    var volume = torch.randn([1, 4, 64, 64, 40], generator: generator);
    var loss = norm.call(conv.call(volume)).pow(2).mean();
    loss.backward();
    Console.WriteLine($"Conv3d(4→16) + BatchNorm3d forward/backward on [1, 4, 64, 64, 40]: loss {loss.item<float>():F4}, {stopwatch.ElapsedMilliseconds} ms");
}
