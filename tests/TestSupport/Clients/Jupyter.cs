using System.Diagnostics;
using System.Net.Sockets;

namespace RunLens.TestSupport;

/// <summary>
/// Jupyter as a user runs it with the .NET kernel: Debian's jupyter-notebook, python3-nbclient and nbconvert
/// (/usr/bin/python3), the dotnet-interactive kernel (a .NET tool in artifacts/tools) registered with
/// <c>dotnet-interactive jupyter install --path</c> into a kernel folder of the test's own, and every Jupyter
/// folder (config, data, runtime) private to the test, so nothing of the user's Jupyter is read or written.
/// Absent Jupyter, <see cref="Find"/> returns null and the test says SKIPPED, except on CI (CI=true), where it fails.
/// </summary>
internal sealed class Jupyter
{
    public const string KernelVersion = "1.0.712001";
    public const string Python = "/usr/bin/python3";

    private Jupyter(string home, IReadOnlyDictionary<string, string> environment)
    {
        Home = home;
        Environment = environment;
    }

    /// <summary>The folder holding this Jupyter's kernels, config, data and runtime folders.</summary>
    public string Home { get; }

    /// <summary>The environment every Jupyter process of the test runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static Jupyter? Find(Xunit.Abstractions.ITestOutputHelper output)
    {
        var (exit, _) = File.Exists(Python) ? DotnetTools.Run(Python, ["-c", "import nbclient, nbconvert, notebook"], TimeSpan.FromMinutes(1)) : (-1, "");
        if (exit != 0 || !File.Exists("/usr/bin/jupyter-notebook"))
        {
            Assert.False(System.Environment.GetEnvironmentVariable("CI") == "true",
                "Jupyter is missing on CI; install Debian's jupyter-notebook, python3-nbclient and python3-nbconvert.");
            output.WriteLine("SKIPPED: Debian's jupyter-notebook, python3-nbclient and python3-nbconvert are not installed.");
            return null;
        }
        var kernel = DotnetTools.Install("Microsoft.dotnet-interactive", KernelVersion, "dotnet-interactive");
        var home = Path.Combine(TestPaths.RepoRoot, "artifacts", "jupyter");
        var environment = new Dictionary<string, string>
        {
            // The kernel spec runs `dotnet interactive`, which dotnet finds as dotnet-interactive on PATH.
            ["PATH"] = DotnetTools.ToolPath + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH"),
            ["JUPYTER_PATH"] = home,
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(home, "config"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(home, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(home, "runtime"),
        };
        if (!File.Exists(Path.Combine(home, "kernels", ".net-csharp", "kernel.json")))
        {
            Directory.CreateDirectory(Path.Combine(home, "kernels"));
            var (installed, log) = DotnetTools.Run(kernel, ["jupyter", "install", "--path", Path.Combine(home, "kernels")], TimeSpan.FromMinutes(2), environment: environment);
            Assert.True(installed == 0, "dotnet-interactive jupyter install failed:\n" + log);
        }
        return new Jupyter(home, environment);
    }

    /// <summary>Executes a notebook with nbclient on the .NET (C#) kernel; the environment may add variables for the kernel.</summary>
    public (int Exit, string Output, TimeSpan Elapsed) Execute(string notebook, string executed, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var script = Path.Combine(TestPaths.RepoRoot, "tests", "RunLens.Notebooks.Tests", "Clients", "execute_notebook.py");
        var clock = Stopwatch.StartNew();
        var (exit, output) = DotnetTools.Run(Python, [script, notebook, executed, workingDirectory, ".net-csharp"], TimeSpan.FromMinutes(10),
            workingDirectory, Merge(environment));
        return (exit, output, clock.Elapsed);
    }

    /// <summary>Marks a notebook trusted, as File > Trust Notebook does, so its outputs' scripts run.</summary>
    public void Trust(string notebook)
    {
        // Debian ships no jupyter-trust script; nbformat's signing app is what it runs.
        var (exit, output) = DotnetTools.Run(Python, ["-m", "nbformat.sign", notebook], TimeSpan.FromMinutes(1), environment: Environment);
        Assert.True(exit == 0, "jupyter trust failed:\n" + output);
    }

    /// <summary>Converts a notebook to HTML with nbconvert, sanitized as nbviewer-like static views are.</summary>
    public string SanitizedHtml(string notebook, string folder)
    {
        var (exit, output) = DotnetTools.Run(Python, ["-m", "nbconvert", "--to", "html", "--sanitize-html", "--output-dir", folder, notebook],
            TimeSpan.FromMinutes(2), environment: Environment);
        Assert.True(exit == 0, "nbconvert failed:\n" + output);
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(notebook) + ".html");
    }

    /// <summary>Starts the classic notebook server on a free loopback port, serving <paramref name="folder"/>, with no token.</summary>
    public NotebookServer Serve(string folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        int port;
        using (var probe = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("/usr/bin/jupyter-notebook") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--NotebookApp.token=", "--NotebookApp.password=",
                     $"--notebook-dir={folder}", "--NotebookApp.disable_check_xsrf=True", "--allow-root" })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in Merge(environment))
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var url = $"http://127.0.0.1:{port}/";
        using var http = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if (http.GetAsync(url + "api").Result.IsSuccessStatusCode)
                    return new NotebookServer(process, url);
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(250);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The notebook server did not answer within 30 s.");
    }

    private Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? extra)
    {
        var all = new Dictionary<string, string>(Environment);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            all[key] = value;
        return all;
    }
}

/// <summary>A running notebook server; disposing stops it and its kernels.</summary>
internal sealed class NotebookServer(Process process, string url) : IDisposable
{
    public string Url { get; } = url;

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
        process.Dispose();
    }
}
