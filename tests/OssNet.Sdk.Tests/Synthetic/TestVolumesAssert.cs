// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Tests.Synthetic;

internal static class TestVolumesAssert
{
    public static void Near((double X, double Y, double Z) expected, (double X, double Y, double Z) actual, double tolerance = 1e-9)
    {
        Assert.True(
            Math.Abs(expected.X - actual.X) <= tolerance && Math.Abs(expected.Y - actual.Y) <= tolerance && Math.Abs(expected.Z - actual.Z) <= tolerance,
            $"Expected {expected}, got {actual}.");
    }
}
