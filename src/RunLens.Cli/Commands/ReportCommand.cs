using System.CommandLine;
using System.Text.Json;
using RunLens.Notebooks;

namespace RunLens.Cli.Commands;

/// <summary>
/// <c>runlens report NOTEBOOK [-o out.html] [--ipynb out.ipynb]</c>: runs a notebook on the real C# kernel, hosted
/// in-process (RunLens.Notebooks), and writes one self-contained HTML report (default: beside the notebook as
/// <c>&lt;name&gt;.html</c>) and, when asked, the executed .ipynb. Exits non-zero naming the first failed cell.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var notebook = new Argument<string>("NOTEBOOK") { Description = "The notebook to run (.ipynb or .dib)." };
        var output = new Option<string?>("--output", "-o") { Description = "The HTML report to write (default: <name>.html beside the notebook)." };
        var ipynb = new Option<string?>("--ipynb") { Description = "Also write the executed notebook, outputs included, as .ipynb." };
        var pdf = new Option<string?>("--pdf") { Description = "Also print the report to PDF through headless Chromium (default: <name>.pdf beside the notebook).", Arity = ArgumentArity.ZeroOrOne };
        var browser = new Option<string?>("--browser") { Description = $"The Chromium executable for --pdf (default: ${ChromiumLocator.EnvironmentVariable}, else chromium on PATH)." };
        var command = new Command("report", "Run a notebook and write a self-contained HTML report (works offline), optionally the executed .ipynb and a PDF.")
        {
            notebook, output, ipynb, pdf, browser,
        };
        command.SetAction(parse => Run(
            new ReportRequest(parse.GetValue(notebook)!, parse.GetValue(output), parse.GetValue(ipynb))
            {
                Pdf = parse.GetResult(pdf) is null ? null : parse.GetValue(pdf) ?? Path.ChangeExtension(parse.GetValue(notebook)!, ".pdf"),
                Browser = parse.GetValue(browser),
            },
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error),
            Execute));
        return command;
    }

    internal sealed record ReportRequest(string Notebook, string? Output, string? Ipynb)
    {
        /// <summary>The PDF to print the report to, or null for none.</summary>
        public string? Pdf { get; init; }

        /// <summary>The browser for the PDF, or null to find one.</summary>
        public string? Browser { get; init; }
    }

    /// <summary>Reads a notebook and runs it on a new kernel.</summary>
    internal static NotebookRun Execute(string path) => NotebookRunner.Run(NotebookReader.Read(path));

    internal static int Run(ReportRequest request, Terminal terminal, Func<string, NotebookRun> execute)
    {
        if (!File.Exists(request.Notebook))
        {
            terminal.Error.WriteLine($"runlens report: no notebook at '{request.Notebook}'.");
            return ExitCodes.UserError;
        }
        // Before running anything: a PDF needs a browser, and a missing one should cost no notebook run.
        if (request.Pdf is not null && ImageCliOptions.FindBrowser(new ImageCliOptions.Values { Browser = request.Browser }, terminal, "report") is null)
            return ExitCodes.UserError;
        NotebookRun run;
        try
        {
            run = execute(request.Notebook);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or JsonException or NotSupportedException)
        {
            terminal.Error.WriteLine($"runlens report: cannot read '{request.Notebook}': {ex.Message}");
            return ExitCodes.UserError;
        }
        var html = request.Output ?? Path.ChangeExtension(request.Notebook, ".html");
        NotebookReport.WriteHtml(run, html);
        terminal.Out.WriteLine(html);
        if (request.Pdf is { } pdfPath)
        {
            try
            {
                PagePdf.Write(File.ReadAllText(html), pdfPath, request.Browser);
            }
            catch (BrowserNotFoundException ex)
            {
                terminal.Error.WriteLine($"runlens report: {ex.Message}");
                return ExitCodes.UserError;
            }
            terminal.Out.WriteLine(pdfPath);
        }
        if (request.Ipynb is { } ipynb)
        {
            IpynbWriter.Write(run, ipynb);
            terminal.Out.WriteLine(ipynb);
        }
        if (FailureSummary.Of(run) is not { } failure)
            return ExitCodes.Ok;
        terminal.Error.WriteLine($"runlens report: {failure}");
        return ExitCodes.CellFailed;
    }
}
