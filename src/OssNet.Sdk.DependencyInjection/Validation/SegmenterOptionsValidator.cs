// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Options;

namespace OssNet.Sdk.DependencyInjection.Validation;

/// <summary>The DataAnnotations rules of <see cref="SegmenterOptions"/> (ranges, required values, the device pattern), source-generated.</summary>
[OptionsValidator]
internal sealed partial class SegmenterOptionsValidator : IValidateOptions<SegmenterOptions>
{
}

/// <summary>The DataAnnotations rules of <see cref="OssNetServiceOptions"/>, source-generated.</summary>
[OptionsValidator]
internal sealed partial class OssNetServiceOptionsValidator : IValidateOptions<OssNetServiceOptions>
{
}
