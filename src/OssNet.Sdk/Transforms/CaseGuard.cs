// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>Checks shared by the transforms.</summary>
internal static class CaseGuard
{
    /// <summary>Throws unless the case exists and its label (if any) is on the image's grid.</summary>
    public static void RequireConsistent(VolumeCase input, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(input, parameterName);
        if (input.Label is { } label && label.Shape != input.Image.Shape)
        {
            throw new ArgumentException(
                $"Case '{input.Id}': the label is {label.Shape} but the image is {input.Image.Shape}; a transform needs both on one grid.",
                parameterName);
        }
    }
}
