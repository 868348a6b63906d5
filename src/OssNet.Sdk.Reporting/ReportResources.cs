// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Reporting;

/// <summary>Reads the files embedded in this assembly (logical names <c>OssNet.Sdk.Reporting.&lt;file name&gt;</c>).</summary>
internal static class ReportResources
{
    public static Stream Open(string fileName) =>
        typeof(ReportResources).Assembly.GetManifestResourceStream("OssNet.Sdk.Reporting." + fileName)
        ?? throw new InvalidOperationException($"The embedded resource {fileName} is missing from {typeof(ReportResources).Assembly.GetName().Name}.");

    public static string ReadText(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd();
    }
}
