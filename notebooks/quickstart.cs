#!/usr/bin/env dotnet
#:project ../src/RunLens.Notebooks/RunLens.Notebooks.csproj
#:property PublishAot=false

// Runs 01-quickstart.ipynb on the real C# kernel (hosted in-process) and writes the same report as `runlens report`:
//   dotnet run notebooks/quickstart.cs            -> notebooks/01-quickstart.html and 01-quickstart.executed.ipynb
// Build the solution first (dotnet build Notebooks.sln): the notebook references the built DLLs by relative path.
using RunLens.Notebooks;

var here = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();
var notebook = Path.Combine(here, "01-quickstart.ipynb");
var run = NotebookRunner.Run(NotebookReader.Read(notebook));

var html = Path.Combine(here, "01-quickstart.html");
var ipynb = Path.Combine(here, "01-quickstart.executed.ipynb");
NotebookReport.WriteHtml(run, html);
IpynbWriter.Write(run, ipynb);
Console.WriteLine(html);
Console.WriteLine(ipynb);

if (FailureSummary.Of(run) is { } failure)
{
    Console.Error.WriteLine(failure);
    return 3;
}
return 0;
