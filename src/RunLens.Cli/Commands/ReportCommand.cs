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
        var command = new Command("report", "Run a notebook and write a self-contained HTML report (works offline), optionally the executed .ipynb.")
        {
            notebook, output, ipynb,
        };
        command.SetAction(parse => Run(
            new ReportRequest(parse.GetValue(notebook)!, parse.GetValue(output), parse.GetValue(ipynb)),
            Terminal.FromConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error),
            Execute));
        return command;
    }

    internal sealed record ReportRequest(string Notebook, string? Output, string? Ipynb);

    /// <summary>Reads a notebook and runs it on a new kernel.</summary>
    internal static NotebookRun Execute(string path) => NotebookRunner.Run(NotebookReader.Read(path));

    internal static int Run(ReportRequest request, Terminal terminal, Func<string, NotebookRun> execute)
    {
        if (!File.Exists(request.Notebook))
        {
            terminal.Error.WriteLine($"runlens report: no notebook at '{request.Notebook}'.");
            return ExitCodes.UserError;
        }
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
