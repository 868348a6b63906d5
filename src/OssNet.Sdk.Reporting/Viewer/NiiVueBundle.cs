// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Reporting.Viewer;

/// <summary>The NiiVue build this package embeds and copies into every report: <c>dist/niivue.umd.js</c> of the npm
/// package <c>@niivue/niivue</c>, pinned by version and SHA-256 (Viewer/README.md says how to update it).</summary>
/// <remarks>The UMD build is a classic script: browsers load it from <c>file://</c>, where ES modules are refused.</remarks>
public static class NiiVueBundle
{
    /// <summary>The npm package version the bundled file comes from.</summary>
    public const string Version = "0.69.0";

    /// <summary>The SHA-256 (lowercase hex) of the bundled <c>niivue.umd.js</c>, as in the npm tarball.</summary>
    public const string Sha256 = "47b896b77ec4a5be3ef1949c33ad393b6f45629921f326c279000bcf51bdb4af";

    /// <summary>The file name of the bundle inside a report's <c>assets/</c> folder.</summary>
    public const string FileName = "niivue.umd.js";

    /// <summary>Opens the embedded bundle.</summary>
    public static Stream Open() => ReportResources.Open(FileName);

    /// <summary>Opens NiiVue's licence text (BSD 2-Clause), copied beside the bundle.</summary>
    public static Stream OpenLicense() => ReportResources.Open("LICENSE-niivue.txt");
}
