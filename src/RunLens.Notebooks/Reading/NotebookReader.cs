using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace RunLens.Notebooks;

/// <summary>
/// Reads <c>.ipynb</c> and <c>.dib</c> notebooks with .NET Interactive's own parser (Microsoft.DotNet.Interactive.Documents)
/// into a <see cref="NotebookDocument"/>, with the kernels Polyglot Notebooks knows and those the notebook declares.
/// </summary>
public static class NotebookReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a notebook, choosing the format by the file's extension.</summary>
    /// <param name="path">An <c>.ipynb</c> or <c>.dib</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a notebook this reader understands; the message names the file and what is wrong.</exception>
    /// <example><code>var notebook = NotebookReader.Read("notebooks/learning-curves.ipynb");</code></example>
    public static NotebookDocument Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Notebook not found: {full}", full);
        var bytes = File.ReadAllBytes(full);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is not (".ipynb" or ".dib"))
            throw new InvalidDataException($"{full}: unknown notebook extension '{extension}'; expected .ipynb or .dib.");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"{full}: not UTF-8 text: {e.Message}", e);
        }
        return extension == ".ipynb" ? ReadIpynb(full, text, sha) : ReadDib(full, text, sha);
    }

    private static NotebookDocument ReadIpynb(string path, string json, string sha)
    {
        var outline = IpynbOutline.Read(path, json);
        var kernels = PolyglotKernels.WellKnown();
        if (outline.DeclaredKernels is { } declared)
            PolyglotKernels.AddDeclared(kernels, declared);
        var document = Parse(path, () => Notebook.Parse(json, kernels));
        var defaultName = outline.DeclaredKernels?.DefaultKernelName ?? document.GetDefaultKernelName()
            ?? (outline.KernelSpecName is { } spec && spec.StartsWith(".net-", StringComparison.OrdinalIgnoreCase) ? spec[".net-".Length..] : null);
        var defaultKernel = PolyglotKernels.Canonical(kernels, defaultName ?? PolyglotKernels.CSharp);
        var cells = document.Elements.Select((element, i) => outline.CellTypes[i] switch
        {
            "markdown" => new NotebookCell(CellKind.Markdown, PolyglotKernels.Markdown, Source(element)),
            "raw" => new NotebookCell(CellKind.Raw, "raw", Source(element)),
            _ => new NotebookCell(CellKind.Code, Kernel(kernels, element, defaultKernel), Source(element)),
        }).ToList();
        return new NotebookDocument(path, "ipynb", defaultKernel, cells, sha);
    }

    private static NotebookDocument ReadDib(string path, string text, string sha)
    {
        var kernels = PolyglotKernels.WellKnown();
        var document = Parse(path, () => CodeSubmission.Parse(text, kernels));
        var defaultKernel = PolyglotKernels.Canonical(kernels, document.GetDefaultKernelName() ?? PolyglotKernels.CSharp);
        var cells = document.Elements.Select(element => Kernel(kernels, element, defaultKernel) is var kernel && kernel == PolyglotKernels.Markdown
            ? new NotebookCell(CellKind.Markdown, kernel, Source(element))
            : new NotebookCell(CellKind.Code, kernel, Source(element))).ToList();
        return new NotebookDocument(path, "dib", defaultKernel, cells, sha);
    }

    // Documents throws JsonException for bad metadata JSON and ArgumentException for a kernel alias declared twice.
    private static InteractiveDocument Parse(string path, Func<InteractiveDocument> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static string Kernel(KernelInfoCollection kernels, InteractiveDocumentElement element, string defaultKernel) =>
        element.KernelName is { Length: > 0 } name ? PolyglotKernels.Canonical(kernels, name) : defaultKernel;

    private static string Source(InteractiveDocumentElement element) => element.Contents.Replace("\r\n", "\n", StringComparison.Ordinal);
}
