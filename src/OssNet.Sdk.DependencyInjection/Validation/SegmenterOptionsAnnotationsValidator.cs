// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OssNet.Sdk.DependencyInjection.Validation;

/// <summary>Runs the source-generated DataAnnotations validator for registered segmenters and names the segmenter in each failure.</summary>
internal sealed class SegmenterOptionsAnnotationsValidator(IServiceProvider services) : IValidateOptions<SegmenterOptions>
{
    private readonly SegmenterOptionsValidator _generated = new();

    public ValidateOptionsResult Validate(string? name, SegmenterOptions options)
    {
        if (name is null || services.GetKeyedService<SegmenterRegistration>(name) is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var result = _generated.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures!.Select(f => $"Segmenter '{name}': {f}"))
            : result;
    }
}
