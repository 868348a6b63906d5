// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Segmentation;

namespace OssNet.Sdk.DependencyInjection;

/// <summary>Creates the keyed <see cref="ISegmenter"/> singleton of a registration: factory, then decorators (first <c>Use</c> outermost).</summary>
internal static class SegmenterActivator
{
    public static ISegmenter Create(IServiceProvider services, SegmenterRegistration registration)
    {
        var options = services.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get(registration.Name);
        var serviceOptions = services.GetRequiredService<IOptions<OssNetServiceOptions>>().Value;
        var factory = registration.Factory
            ?? services.GetKeyedService<SegmenterFactory>(options.EffectiveFamily)
            ?? throw new InvalidOperationException($"Segmenter '{registration.Name}': no segmenter family named '{options.EffectiveFamily}' is registered.");
        var device = DeviceNames.Resolve(options.Device ?? serviceOptions.DefaultDevice);
        var context = new SegmenterBuildContext(
            registration.Name, options, device, services, registration.EncoderFactory?.Invoke(services), registration.Preprocessing);
        var segmenter = factory(context)
            ?? throw new InvalidOperationException($"Segmenter '{registration.Name}': the factory returned null.");
        try
        {
            for (var i = registration.Decorators.Count - 1; i >= 0; i--)
            {
                segmenter = registration.Decorators[i](segmenter, services)
                    ?? throw new InvalidOperationException($"Segmenter '{registration.Name}': decorator {i + 1} returned null.");
            }
        }
        catch
        {
            (segmenter as IDisposable)?.Dispose();
            throw;
        }

        return segmenter;
    }
}
