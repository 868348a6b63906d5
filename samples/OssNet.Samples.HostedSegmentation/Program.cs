// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

// Hosted segmentation: the Generic Host reads appsettings.json (section "OssNet"), AddOssNet registers a keyed segmenter
// whose options are validated at start-up, and a job segments a folder of NIfTI files. Run the quick start first
// (./build.sh demo): it writes the weights and the image folder that appsettings.json points to. `--smoke` makes its own.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssNet.Samples.HostedSegmentation;
using OssNet.Sdk.Volumes;

var smoke = args.Contains("--smoke");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. args.Where(a => a != "--smoke")],       // e.g. --Job:InputFolder=/data/scans overrides appsettings.json
    ContentRootPath = AppContext.BaseDirectory,        // appsettings.json sits next to the executable
});
var smokeFolder = Path.Combine(Path.GetTempPath(), $"ossnet-hosted-smoke-{Environment.ProcessId}");
if (smoke)
{
    builder.Configuration.AddInMemoryCollection(await SmokeData.CreateAsync(smokeFolder));
}

builder.Services.AddOptions<SegmentationJobOptions>().BindConfiguration("Job").ValidateDataAnnotations().ValidateOnStart();
builder.Services
    .AddOssNet(builder.Configuration.GetSection("OssNet"))
    .AddSegmenter("brain", segmenter => segmenter
        .Use((inner, services) => new TimingSegmenter(inner, services.GetRequiredService<ILogger<TimingSegmenter>>())));
builder.Services.AddTransient<FolderSegmentationJob>();

try
{
    using var host = builder.Build();
    await host.StartAsync();                           // ValidateOnStart: bad options stop the app here, naming the field
    var count = await host.Services.GetRequiredService<FolderSegmentationJob>().RunAsync(CancellationToken.None);
    await host.StopAsync();
    Console.WriteLine($"Done: {count} case(s).");
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or InvalidVolumeException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"hostedsegmentation: {e.Message}");
    return 1;
}
finally
{
    if (smoke && Directory.Exists(smokeFolder))
    {
        Directory.Delete(smokeFolder, recursive: true);
    }
}
