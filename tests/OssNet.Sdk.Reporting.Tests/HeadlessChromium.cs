// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Playwright;

namespace OssNet.Sdk.Reporting.Tests;

/// <summary>Launches the system's Chromium (Debian package <c>chromium</c>) through Playwright, with WebGL2 on the
/// SwiftShader software renderer so that NiiVue draws without a GPU. Playwright never downloads a browser here.</summary>
internal static class HeadlessChromium
{
    // OSSNET_CHROMIUM overrides the search (e.g. a Chrome elsewhere).
    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser executable, or null when none is installed.</summary>
    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("OSSNET_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : s_candidates.FirstOrDefault(File.Exists);

    /// <summary>The message of a test that skips for want of a browser.</summary>
    public const string MissingMessage =
        "No Chromium found (looked for /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome, $OSSNET_CHROMIUM); "
        + "install it with `apt-get install chromium` to run the browser tests of the HTML report.";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(string executablePath)
    {
        // Belt and braces: nothing here may fetch a browser build from the network.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executablePath,
                Headless = true,
                // WebGL2 without a GPU: ANGLE on SwiftShader (Chromium refuses SwiftShader WebGL unless told it is fine).
                Args = ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist", "--no-sandbox"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
