using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests.Runner;

/// <summary>Notebooks read through .NET Interactive's Documents parser, with the kernels a Polyglot notebook declares.</summary>
public class NotebookReaderTests
{
    private const string Ipynb = """
        {
         "cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "\n", "Some *markdown*."]},
          {"cell_type": "code", "execution_count": null, "id": "a1",
           "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
           "outputs": [], "source": ["var x = 1;\n", "x + 1"]},
          {"cell_type": "code", "id": "a2", "metadata": {"dotnet_interactive": {"language": "fsharp"}}, "outputs": [], "source": "let y = 2"},
          {"cell_type": "code", "id": "a3", "metadata": {}, "outputs": [], "source": "1 + 1"},
          {"cell_type": "raw", "id": "a4", "metadata": {}, "source": "raw text"},
          {"cell_type": "code", "id": "a5", "metadata": {"polyglot_notebook": {"kernelName": "C#"}}, "outputs": [], "source": "2"},
          {"cell_type": "code", "id": "a6", "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [], "source": ["#!fsharp\n", "let z = 3"]},
          {"cell_type": "code", "id": "a7", "metadata": {"polyglot_notebook": {"kernelName": "q"}}, "outputs": [], "source": "select 1"}
         ],
         "metadata": {
          "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
          "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "pwsh",
            "items": [{"aliases": [], "name": "csharp"}, {"aliases": ["q"], "languageName": "SQL", "name": "sql"}]}}
         },
         "nbformat": 4, "nbformat_minor": 5
        }
        """;

    [Fact]
    public void An_ipynb_gives_its_cells_with_kernels_from_cell_metadata_magic_lines_and_the_notebook_default()
    {
        using var dir = new TempDir();
        var notebook = NotebookReader.Read(dir.Write("nb.ipynb", Ipynb));

        Assert.Equal("ipynb", notebook.Format);
        Assert.Equal("pwsh", notebook.DefaultKernel);
        Assert.Equal(64, notebook.Sha256.Length);
        Assert.Equal(
            [(CellKind.Markdown, "markdown"), (CellKind.Code, "csharp"), (CellKind.Code, "fsharp"), (CellKind.Code, "pwsh"), (CellKind.Raw, "raw"),
             (CellKind.Code, "csharp"), (CellKind.Code, "fsharp"), (CellKind.Code, "sql")],
            notebook.Cells.Select(c => (c.Kind, c.Kernel)));
        Assert.Equal("# Title\n\nSome *markdown*.", notebook.Cells[0].Source);
        Assert.Equal("var x = 1;\nx + 1", notebook.Cells[1].Source);
        Assert.Equal("let y = 2", notebook.Cells[2].Source);
        Assert.Equal("raw text", notebook.Cells[4].Source);
        // A first line naming a kernel wins over the metadata, as in Polyglot; the line stays in the cell.
        Assert.Equal("#!fsharp\nlet z = 3", notebook.Cells[6].Source);
    }

    [Fact]
    public void An_ipynb_without_kernel_info_takes_the_kernelspec_language()
    {
        using var dir = new TempDir();
        var path = dir.Write("nb.ipynb", """
            {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": "1"}],
             "metadata": {"kernelspec": {"language": "C#", "name": ".net-csharp"}}, "nbformat": 4, "nbformat_minor": 5}
            """);

        var notebook = NotebookReader.Read(path);

        Assert.Equal("csharp", notebook.DefaultKernel);
        Assert.Equal("csharp", notebook.Cells.Single().Kernel);
    }

    [Fact]
    public void A_dib_splits_on_kernel_lines_and_keeps_magics_in_the_cell()
    {
        using var dir = new TempDir();
        var path = dir.Write("nb.dib", """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":["q"],"name":"sql"},{"aliases":[],"name":"csharp"}]}}

            #!markdown

            # Title

            #!csharp

            #!time
            var xs = new[] { 1, 2, 3 };

            #!q

            select 1

            #!fs

            let a = 1

            #!html

            <b>hi</b>

            """);

        var notebook = NotebookReader.Read(path);

        Assert.Equal("dib", notebook.Format);
        Assert.Equal("csharp", notebook.DefaultKernel);
        Assert.Equal(
            [(CellKind.Markdown, "markdown", "# Title"), (CellKind.Code, "csharp", "#!time\nvar xs = new[] { 1, 2, 3 };"),
             (CellKind.Code, "sql", "select 1"), (CellKind.Code, "fsharp", "let a = 1"), (CellKind.Code, "html", "<b>hi</b>")],
            notebook.Cells.Select(c => (c.Kind, c.Kernel, c.Source)));
    }

    [Fact]
    public void A_dib_without_meta_starts_in_csharp()
    {
        using var dir = new TempDir();
        var notebook = NotebookReader.Read(dir.Write("old.dib", "var a = 1;\n\n#!markdown\n\ntext\n"));

        Assert.Equal([("csharp", "var a = 1;"), ("markdown", "text")], notebook.Cells.Select(c => (c.Kernel, c.Source)));
    }

    [Fact]
    public void A_broken_notebook_is_an_error_naming_the_file_and_the_problem()
    {
        using var dir = new TempDir();
        var noCells = dir.Write("no-cells.ipynb", """{"metadata": {}, "nbformat": 4}""");
        var noSource = dir.Write("no-source.ipynb", """{"cells": [{"cell_type": "code", "metadata": {}}], "nbformat": 4}""");
        var notJson = dir.Write("bad.ipynb", "{ nope");
        var oldFormat = dir.Write("old.ipynb", """{"cells": [], "nbformat": 3}""");
        var badMeta = dir.Write("bad-meta.dib", "#!meta\n\n{ nope\n\n#!csharp\n\n1\n");

        Assert.Contains("no-cells.ipynb: no 'cells' array", Assert.Throws<InvalidDataException>(() => NotebookReader.Read(noCells)).Message);
        Assert.Contains("no-source.ipynb: cell 1 has no 'source'", Assert.Throws<InvalidDataException>(() => NotebookReader.Read(noSource)).Message);
        Assert.Contains("bad.ipynb: not valid JSON", Assert.Throws<InvalidDataException>(() => NotebookReader.Read(notJson)).Message);
        Assert.Contains("old.ipynb: nbformat 3 is not supported", Assert.Throws<InvalidDataException>(() => NotebookReader.Read(oldFormat)).Message);
        Assert.Contains("bad-meta.dib: ", Assert.Throws<InvalidDataException>(() => NotebookReader.Read(badMeta)).Message);
        Assert.Throws<FileNotFoundException>(() => NotebookReader.Read(dir.File("missing.ipynb")));
        Assert.Contains(".txt", Assert.Throws<InvalidDataException>(() => NotebookReader.Read(dir.Write("x.txt", ""))).Message);
    }
}
