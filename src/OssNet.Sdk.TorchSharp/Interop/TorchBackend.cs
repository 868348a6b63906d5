// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Interop;

/// <summary>
/// Loads TorchSharp's native backend once and turns its opaque failures into a
/// <see cref="TorchBackendUnavailableException"/> whose message names the cause and the fix.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> needs a libstdc++ exporting <c>GLIBCXX_3.4.32</c> (GCC 13+).
/// On Debian 12 or Ubuntu 22.04 the first tensor operation otherwise fails with a
/// <see cref="TypeInitializationException"/> that hides the reason.
/// </remarks>
public static class TorchBackend
{
    /// <summary>The libstdc++ symbol version TorchSharp 0.107's native shim requires.</summary>
    public const string RequiredGlibcxxVersion = "GLIBCXX_3.4.32";

    private static readonly Lock s_gate = new();
    private static bool s_loaded;

    /// <summary>Ensures the native backend is loaded; cheap after the first successful call.</summary>
    /// <exception cref="TorchBackendUnavailableException">The backend cannot be loaded; the message says why.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref s_loaded))
        {
            return;
        }

        lock (s_gate)
        {
            if (s_loaded)
            {
                return;
            }

            EnsureLoaded(ProbeTorchSharp, FindLibStdCxx);
            Volatile.Write(ref s_loaded, true);
        }
    }

    /// <summary>Runs <paramref name="probe"/> and translates a native-load failure into a clear exception.</summary>
    /// <param name="probe">Touches the native backend (e.g. creates a tensor).</param>
    /// <param name="findLibStdCxx">Returns the path of the process's libstdc++, or null when there is none to inspect.</param>
    internal static void EnsureLoaded(Action probe, Func<string?> findLibStdCxx)
    {
        try
        {
            probe();
        }
        catch (Exception ex) when (IsNativeLoadFailure(ex))
        {
            throw new TorchBackendUnavailableException(Diagnose(ex, findLibStdCxx()), ex);
        }
    }

    /// <summary>Builds the message for a native-load failure.</summary>
    internal static string Diagnose(Exception failure, string? libStdCxxPath)
    {
        var all = Flatten(failure);
        var message = new StringBuilder("TorchSharp's native backend could not be loaded. ");
        var missingGlibcxx = all.Contains(RequiredGlibcxxVersion, StringComparison.Ordinal)
            || (libStdCxxPath is not null && !FileContains(libStdCxxPath, RequiredGlibcxxVersion));
        if (missingGlibcxx)
        {
            message.Append("Cause: the C++ runtime library ")
                .Append(libStdCxxPath ?? "libstdc++.so.6")
                .Append(" lacks ").Append(RequiredGlibcxxVersion)
                .Append(", which TorchSharp 0.107's libLibTorchSharp.so needs (GCC 13 or newer). ")
                .Append("Fix: use Ubuntu 24.04+/Debian 13+, or on Debian 12 run ./build.sh prereq as root ")
                .Append("(it installs libstdc++6 from Debian 13 behind an apt pin of priority 100; see docs/getting-started.md).");
        }
        else if (all.Contains("libtorch-cpu", StringComparison.OrdinalIgnoreCase)
            || all.Contains("doesn't contain reference", StringComparison.OrdinalIgnoreCase))
        {
            message.Append("Cause: the application references no libtorch backend package. ")
                .Append("Fix: add a backend package to the application, e.g. 'dotnet add package TorchSharp-cpu' ")
                .Append("(or libtorch-cpu-linux-x64, or a CUDA backend).");
        }
        else
        {
            message.Append("Cause: ").Append(FirstLine(Innermost(failure).Message)).Append(' ')
                .Append("Fix: check that a libtorch backend package (TorchSharp-cpu or a CUDA one) is referenced ")
                .Append("and that its native libraries were copied next to the application.");
        }

        return message.ToString();
    }

    private static void ProbeTorchSharp()
    {
        using var probe = torch.zeros(1);
    }

    private static bool IsNativeLoadFailure(Exception ex) =>
        ex is TypeInitializationException or DllNotFoundException or BadImageFormatException
            or EntryPointNotFoundException or NotSupportedException
        || (ex.InnerException is not null && IsNativeLoadFailure(ex.InnerException));

    private static string? FindLibStdCxx()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        string[] candidates =
        [
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static bool FileContains(string path, string ascii)
    {
        try
        {
            var needle = Encoding.ASCII.GetBytes(ascii);
            var bytes = File.ReadAllBytes(path);
            return bytes.AsSpan().IndexOf(needle) >= 0;
        }
        catch (IOException)
        {
            return true; // Unknown: do not claim it is missing.
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string Flatten(Exception ex)
    {
        var text = new StringBuilder();
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            text.Append(e.Message).Append('\n');
        }

        return text.ToString();
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}
