using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Notebooks.Tests;

public class IpynbWriterTests
{
    [Fact]
    public void Written_notebook_passes_nbformat_validation()
    {
        using var temp = new TempDir();
        var path = temp.File("sample.ipynb");

        IpynbWriter.Write(SampleRun.Create(withFailure: true), path);

        var problem = Nbformat.Validate(path, out _);
        Assert.True(problem is null, problem);
    }

    [Fact]
    public void Notebook_has_polyglot_metadata_and_nbformat_4_5()
    {
        using var json = JsonDocument.Parse(IpynbWriter.ToJson(SampleRun.Create()));
        var root = json.RootElement;

        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(5, root.GetProperty("nbformat_minor").GetInt32());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal(".NET (C#)", metadata.GetProperty("kernelspec").GetProperty("display_name").GetString());
        Assert.Equal("polyglot-notebook", metadata.GetProperty("language_info").GetProperty("name").GetString());
        var kernelInfo = metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo");
        Assert.Equal("csharp", kernelInfo.GetProperty("defaultKernelName").GetString());
        Assert.Equal("""[{"name":"csharp"}]""", JsonSerializer.Serialize(kernelInfo.GetProperty("items")));
    }

    [Fact]
    public void Cells_have_ids_metadata_and_every_output_kind()
    {
        using var json = JsonDocument.Parse(IpynbWriter.ToJson(SampleRun.Create(withFailure: true)));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();

        Assert.Equal(6, cells.Count);
        Assert.Equal(6, cells.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(["markdown", "code", "code", "markdown", "code", "raw"], cells.Select(c => c.GetProperty("cell_type").GetString()));
        Assert.Equal("{}", cells[0].GetProperty("metadata").GetRawText());
        var code = cells[1];
        Assert.Equal("csharp", code.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
        Assert.Equal("csharp", code.GetProperty("metadata").GetProperty("dotnet_interactive").GetProperty("language").GetString());
        Assert.Equal("polyglot-notebook", code.GetProperty("metadata").GetProperty("vscode").GetProperty("languageId").GetString());
        Assert.Equal(["Console.WriteLine(\"hi <there>\");\n", "1 + 1"], code.GetProperty("source").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, code.GetProperty("execution_count").GetInt32());
        var outputs = code.GetProperty("outputs").EnumerateArray().ToList();
        Assert.Equal("stream", outputs[0].GetProperty("output_type").GetString());
        Assert.Equal("stdout", outputs[0].GetProperty("name").GetString());
        Assert.Equal("execute_result", outputs[1].GetProperty("output_type").GetString());
        Assert.Equal(1, outputs[1].GetProperty("execution_count").GetInt32());
        Assert.Equal("2", outputs[1].GetProperty("data").GetProperty("text/plain")[0].GetString());
        Assert.Equal("display_data", cells[2].GetProperty("outputs")[0].GetProperty("output_type").GetString());
        var error = cells[4].GetProperty("outputs")[0];
        Assert.Equal("error", error.GetProperty("output_type").GetString());
        Assert.Equal("CompilationErrorException", error.GetProperty("ename").GetString());
    }

    [Fact]
    public void Same_run_gives_the_same_file_indented_with_one_space()
    {
        var first = IpynbWriter.ToJson(SampleRun.Create());

        Assert.Equal(first, IpynbWriter.ToJson(SampleRun.Create()));
        Assert.StartsWith("{\n \"cells\": [\n  {\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_mime_values_are_json_objects_and_the_file_still_validates()
    {
        var run = SampleRun.Create();
        var figure = new DisplayOutput(new Dictionary<string, string>
        {
            ["application/vnd.plotly.v1+json"] = "{\"data\": [{\"type\": \"scatter\", \"y\": [1, 2]}],\n \"layout\": {}}",
            ["application/json"] = "{\"a\": 1}",
            ["text/html"] = "<div>chart</div>",
        }, IsResult: false);
        run = run with { Cells = [.. run.Cells.Select(c => c.Number == 3 ? c with { Outputs = [figure] } : c)] };
        using var temp = new TempDir();
        var path = temp.File("json-mime.ipynb");

        IpynbWriter.Write(run, path);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var data = json.RootElement.GetProperty("cells")[2].GetProperty("outputs")[0].GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.GetProperty("application/vnd.plotly.v1+json").ValueKind);
        Assert.Equal("scatter", data.GetProperty("application/vnd.plotly.v1+json").GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal(1, data.GetProperty("application/json").GetProperty("a").GetInt32());
        Assert.Equal(JsonValueKind.Array, data.GetProperty("text/html").ValueKind);
        var problem = Nbformat.Validate(path, out _);
        Assert.True(problem is null, problem);
    }

    [Fact]
    public void Raw_cells_stay_raw_and_the_file_reads_back_as_the_same_cells()
    {
        var run = SampleRun.Create(withFailure: true);
        using var temp = new TempDir();
        var path = temp.File("round-trip.ipynb");

        IpynbWriter.Write(run, path);
        var raw = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cells")[5];
        var back = NotebookReader.Read(path);

        Assert.Equal("raw", raw.GetProperty("cell_type").GetString());
        Assert.False(raw.TryGetProperty("outputs", out _));
        Assert.Equal(run.Document.Cells, back.Cells);
        Assert.Equal("csharp", back.DefaultKernel);
    }
}
