using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace RunLens.Notebooks;

/// <summary>
/// The real kernel, hosted in-process the way the dotnet-interactive tool builds it for a notebook (its
/// <c>KernelBuilder</c>): a <see cref="CompositeKernel"/> with one <see cref="CSharpKernel"/> that restores
/// <c>#r "nuget:"</c> through the kernel's package management, imports the kernel's helpers (<c>display</c>,
/// <c>HTML</c>), shares values, and loads the extensions packages carry. Only C# is hosted: F#, PowerShell and the
/// browser kernels are not, so their cells are not run.
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    private NotebookKernel(CompositeKernel root, CSharpKernel csharp)
    {
        Root = root;
        CSharp = csharp;
    }

    public CompositeKernel Root { get; }

    public CSharpKernel CSharp { get; }

    /// <summary>The C# script's variables (every submission's, shadowed ones included).</summary>
    public IEnumerable<object?> Values => CSharp.ScriptState?.Variables.Select(v => v.Value) ?? [];

    public static NotebookKernel Start()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                // The tool's C# overload of UseNugetDirective (not in the served packages) does exactly this: restored
                // assemblies become script references for the cells that follow.
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var root = new CompositeKernel();
        root.Add(csharp, ["c#", "C#"]);
        root.DefaultKernelName = csharp.Name;
        root.UseImportMagicCommand();
        TimeDirective.Add(root);
        PackageExtensions.Load(root);
        return new NotebookKernel(root, csharp);
    }

    /// <summary>
    /// The formatter as the tool sets it up for notebook frontends (VS Code, Jupyter: its <c>SetUpFormatters</c>), from
    /// the defaults, so one notebook's registrations never reach the next: HTML by default, strings as plain text.
    /// </summary>
    public static void ResetFormatting()
    {
        Formatter.ResetToDefault();
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }

    /// <summary>True when a child kernel has this name or alias.</summary>
    public bool Hosts(string kernelName) =>
        Root.ChildKernels.Any(k => k.Name == kernelName || k.KernelInfo.Aliases.Contains(kernelName));

    public void Dispose() => Root.Dispose();
}
