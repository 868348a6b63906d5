// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/**/*.md compiles against the SDK's packages, TorchSharp and
/// Microsoft.Extensions. A block is compiled as a program with top-level statements (so statements, then types, work) and
/// the usings a .NET project has implicitly plus the SDK's namespaces. A block that cannot stand alone (a signature, a
/// diff) is marked <c>```csharp fragment</c>: keep that rare, because a fragment is never checked. A block that uses
/// variables its page introduced earlier declares them in an HTML comment on the line before the fence,
/// <c>&lt;!-- csharp-context: VolumeCase volumeCase; ISegmenter segmenter --&gt;</c>; they are declared (as <c>default!</c>) ahead of it.
/// </summary>
public sealed partial class DocumentationSnippetTests
{
    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => MetadataReference.CreateFromFile(p))]);

    private static readonly string s_usings = string.Join('\n', new[]
    {
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Configuration",
        "OssNet.Sdk", "OssNet.Sdk.Volumes", "OssNet.Sdk.Segmentation", "OssNet.Sdk.IO", "OssNet.Sdk.Datasets", "OssNet.Sdk.Transforms",
        "OssNet.Sdk.Sampling", "OssNet.Sdk.Metrics", "OssNet.Sdk.Synthetic", "OssNet.Sdk.DependencyInjection",
        "OssNet.Sdk.TorchSharp", "OssNet.Sdk.TorchSharp.Models.OssNet", "OssNet.Sdk.TorchSharp.Models.Baselines",
        "OssNet.Sdk.TorchSharp.Segmentation", "OssNet.Sdk.TorchSharp.Training", "OssNet.Sdk.TorchSharp.Inference",
        "OssNet.Sdk.TorchSharp.Interop", "OssNet.Sdk.TorchSharp.Devices", "OssNet.Sdk.TorchSharp.Encoders", "OssNet.Sdk.TorchSharp.Patches", "TorchSharp", "TorchSharp.Modules",
        "OssNet.Sdk.Planning", "OssNet.Sdk.TorchSharp.ModelFiles", "OssNet.Sdk.Reporting.Html", "OssNet.Sdk.Reporting.Curves", "OssNet.Sdk.Orleans", "Orleans", "Orleans.Hosting",
    }.Select(n => $"global using {n};")) + "\nglobal using static TorchSharp.torch;\n";

    public static TheoryData<string, int> Snippets()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, line, _) in AllSnippets())
        {
            data.Add(file, line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void CSharpBlock_Compiles(string file, int line)
    {
        var page = AllSnippets().Where(s => s.File == file).ToList();
        var code = page.Single(s => s.Line == line).Code;
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var snippet = CSharpSyntaxTree.ParseText(code, options, path: file, cancellationToken: TestContext.Current.CancellationToken);

        // Types declared in the block after its statements (fine in a Markdown page, an error in one C# file) go to a tree
        // of their own, with the statements blanked out so that line numbers stay.
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(s_usings, options, cancellationToken: TestContext.Current.CancellationToken) };
        var root = (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)snippet.GetRoot(TestContext.Current.CancellationToken);
        if (root.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any() && root.Members.Any(m => m is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax))
        {
            var types = root.Members.Where(m => m is not Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax).Select(m => m.Span).ToList();
            snippet = CSharpSyntaxTree.ParseText(Blank(code, types), options, path: file, cancellationToken: TestContext.Current.CancellationToken);
            trees.Add(CSharpSyntaxTree.ParseText(
                Blank(code, root.Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Select(m => m.Span)), options, path: file, cancellationToken: TestContext.Current.CancellationToken));
        }

        trees.Add(snippet);

        // Blocks of the same page that only declare types (an encoder, then its use) are visible to every block of the page.
        foreach (var other in page.Where(s => s.Line != line && DeclaresTypesOnly(s.Code)))
        {
            trees.Add(CSharpSyntaxTree.ParseText(other.Code, options, path: file, cancellationToken: TestContext.Current.CancellationToken));
        }

        var compilation = CSharpCompilation.Create(
            "snippet",
            trees,
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS5001") // CS5001: a block of type declarations only
            .Select(d => d.Location.SourceTree?.FilePath == file
                ? $"{file}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
                : $"{d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();

        Assert.True(errors.Count == 0, $"The C# block at {file}:{line} does not compile:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void ReadmeHostOneLiner_PassesStartValidation()
    {
        // README.md: AddSegmenter("brain", s => s.UseOssNet("tiny").Configure(o => o.InputChannels = 4).WithPreprocessing("zscore-pad").WithWeights("tiny.dat"))
        var folder = Directory.CreateTempSubdirectory("ossnet-readme-").FullName;
        try
        {
            var weights = Path.Combine(folder, "tiny.dat");
            var tiny = OssNet.Sdk.TorchSharp.Models.OssNet.OssNetPresets.Tiny;
            tiny.InputChannels = 4;
            using (var model = OssNet.Sdk.TorchSharp.Models.OssNet.OssNetModel.Create(tiny))
            {
                model.SaveWeights(weights);
            }

            var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
            services.AddOssNet().AddSegmenter("brain", s => s.UseOssNet("tiny").Configure(o => o.InputChannels = 4).WithPreprocessing("zscore-pad").WithWeights(weights));
            using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

            Assert.Equal(4, Assert.IsType<OssNet.Sdk.TorchSharp.Segmentation.OssNetSegmenter>(provider.GetRequiredKeyedService<OssNet.Sdk.Segmentation.ISegmenter>("brain")).Model.InputChannels);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool DeclaresTypesOnly(string code) =>
        !CSharpSyntaxTree.ParseText(code).GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any();

    /// <summary>Replaces the text of <paramref name="spans"/> with spaces, keeping line breaks.</summary>
    private static string Blank(string code, IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> spans)
    {
        var characters = code.ToCharArray();
        foreach (var span in spans)
        {
            for (var i = span.Start; i < span.End; i++)
            {
                characters[i] = characters[i] is '\n' or '\r' ? characters[i] : ' ';
            }
        }

        return new string(characters);
    }

    /// <summary>The csharp blocks (not marked <c>fragment</c>) of README.md and docs/**/*.md, with the line of their opening fence.</summary>
    internal static IEnumerable<(string File, int Line, string Code)> AllSnippets()
    {
        var root = OptionsDocumentationTests.RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var lines = File.ReadAllLines(path);
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            for (var i = 0; i < lines.Length; i++)
            {
                var fence = Fence().Match(lines[i]);
                if (!fence.Success)
                {
                    continue;
                }

                var start = i;
                var body = new List<string>();
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    body.Add(lines[i].StartsWith(fence.Groups["indent"].Value, StringComparison.Ordinal) ? lines[i][fence.Groups["indent"].Value.Length..] : lines[i]);
                }

                if (!fence.Groups["info"].Value.Contains("fragment", StringComparison.Ordinal))
                {
                    var context = start > 0 ? ContextComment().Match(lines[start - 1]) : Match.Empty;
                    var declarations = context.Success
                        ? context.Groups["declarations"].Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => $"{d} = default!;")
                        : [];

                    // The block's using directives stay first; the declared context follows them, hidden from the line
                    // mapping so that errors are reported at their line in the Markdown file.
                    var directives = body.TakeWhile(l => l.Length == 0 || UsingDirective().IsMatch(l)).Count();
                    var firstLine = start + 2;
                    string[] code =
                    [
                        $"#line {firstLine} \"{relative}\"",
                        .. body.Take(directives),
                        "#line hidden",
                        .. declarations,
                        $"#line {firstLine + directives} \"{relative}\"",
                        .. body.Skip(directives),
                    ];
                    yield return (relative, start + 1, string.Join('\n', code));
                }
            }
        }
    }

    [GeneratedRegex(@"^using [A-Za-z0-9_.]+;")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^\s*<!--\s*csharp-context:(?<declarations>.*)-->\s*$")]
    private static partial Regex ContextComment();

    [GeneratedRegex(@"^(?<indent>\s*)```(csharp|cs|c#)(?<info>.*)$")]
    private static partial Regex Fence();
}
