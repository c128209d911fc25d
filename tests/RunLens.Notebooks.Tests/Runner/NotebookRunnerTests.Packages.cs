namespace RunLens.Notebooks.Tests.Runner;

/// <summary>
/// <c>#r "nuget:"</c> through the kernel's package management against a local folder feed (an absolute <c>#i</c> path:
/// relative ones are "Invalid URI" in this kernel), and package extensions loaded as the dotnet-interactive tool
/// loads them.
/// </summary>
public partial class NotebookRunnerTests
{
    private const string GreeterSource = """
        namespace RunLens.TestPackages;
        public static class Greeter
        {
            public static string Hello(string name) => $"Hello, {name}!";
        }
        """;

    [Fact]
    public void A_nuget_reference_restores_from_a_local_feed_with_FSharp_Core_10_1_loaded()
    {
        var feed = _dir.File("feed/");
        var version = new TestPackage("RunLens.TestLibrary").WithAssembly("lib/net10.0/RunLens.TestLibrary.dll", GreeterSource).WriteTo(feed);

        var run = Run(
            Cs($"#i \"nuget: {feed}\"\n#r \"nuget: RunLens.TestLibrary, {version}\""),
            Cs("RunLens.TestPackages.Greeter.Hello(\"report\")"),
            Cs("AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == \"FSharp.Core\").GetName().Version.ToString()"));

        Assert.True(run.Succeeded, Errors(run));
        Assert.Contains($"RunLens.TestLibrary, {version}", Assert.Single(run.Cells[0].Outputs.OfType<DisplayOutput>()).Data["text/html"], StringComparison.Ordinal);
        Assert.Equal("Hello, report!", Result(run.Cells[1]).Data["text/plain"]);
        // The runner's FSharp.Core (10.1, for Deedle and Plotly.NET) is the one F#'s dependency manager restored with.
        Assert.Equal("10.1.0.0", Result(run.Cells[2]).Data["text/plain"]);
    }

    [Fact]
    public void A_package_with_interactive_extensions_loads_its_extension_types_and_runs_its_extension_dib()
    {
        var feed = _dir.File("feed/");
        var version = new TestPackage("RunLens.TestGreeter")
            .WithAssembly("lib/net10.0/RunLens.TestGreeter.dll", GreeterSource)
            .WithAssembly("interactive-extensions/dotnet/RunLens.TestGreeter.Extension.dll", """
                using System.Threading.Tasks;
                using Microsoft.DotNet.Interactive;
                namespace RunLens.TestPackages;
                public sealed class GreeterExtension : IKernelExtension
                {
                    public Task OnLoadAsync(Kernel kernel)
                    {
                        System.Console.WriteLine($"Greeter extension loaded into the {kernel.Name} kernel.");
                        return Task.CompletedTask;
                    }
                }
                """)
            .WithFile("interactive-extensions/dotnet/extension.dib", """
                #!meta

                {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

                #!csharp

                var greetingFromExtension = RunLens.TestPackages.Greeter.Hello("notebook");
                Console.WriteLine(greetingFromExtension);

                """)
            .WriteTo(feed);

        var run = Run(Cs($"#i \"nuget: {feed}\"\n#r \"nuget: RunLens.TestGreeter, {version}\""), Cs("greetingFromExtension"));

        Assert.True(run.Succeeded, Errors(run));
        var shown = run.Cells[0].Outputs.Select(Text).ToList();
        Assert.Contains(shown, t => t.StartsWith("Loading extensions from `", StringComparison.Ordinal) && t.Contains("RunLens.TestGreeter.Extension.dll", StringComparison.Ordinal));
        Assert.Contains(shown, t => t.StartsWith("Greeter extension loaded into the ", StringComparison.Ordinal));
        Assert.Contains(shown, t => t.StartsWith("Loading extension script from `", StringComparison.Ordinal) && t.EndsWith("extension.dib`", StringComparison.Ordinal));
        Assert.Contains("Hello, notebook!\n", shown);
        // extension.dib runs in the notebook's own C# kernel: its variables are the notebook's.
        Assert.Equal("Hello, notebook!", Result(run.Cells[1]).Data["text/plain"]);
    }
}
