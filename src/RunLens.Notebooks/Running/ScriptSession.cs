using System.Reflection;
using Microsoft.AspNetCore.Html;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;
using RunLens.Notebooks.Scripting;

namespace RunLens.Notebooks;

/// <summary>
/// One C# script state carried across cells, set up like the kernel's <c>CSharpKernel</c> (NOTEBOOK-HOST.md section 5):
/// the first cell is <c>RunAsync</c>, later ones <c>ContinueWithAsync</c>; a compile error leaves the state as it was.
/// </summary>
internal sealed class ScriptSession(string workingDirectory)
{
    // Script.HasReturnValue() is internal in Roslyn; the kernel reads it by reflection too (present in 5.12.0).
    private static readonly MethodInfo HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new MissingMethodException("Microsoft.CodeAnalysis.Scripting.Script.HasReturnValue is missing; the runner needs Roslyn scripting 5.x.");

    private ScriptOptions _options = ScriptOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory))
        .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(workingDirectory))
        .AddImports("System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
            "RunLens.Notebooks.Scripting", "RunLens.Notebooks.Scripting.NotebookKernel")
        .AddReferences(typeof(Enumerable).Assembly, typeof(IEnumerable<>).Assembly, typeof(Task<>).Assembly,
            typeof(Formatter).Assembly, typeof(HtmlString).Assembly, typeof(NotebookKernel).Assembly);

    private ScriptState<object>? _state;

    /// <summary>The script's variables (every submission's, shadowed ones included).</summary>
    public IEnumerable<object?> Values => _state?.Variables.Select(v => v.Value) ?? [];

    public void AddReferences(IEnumerable<string> paths) => _options = _options.AddReferences(paths);

    /// <summary>Runs one cell; throws <see cref="CompilationErrorException"/> when it does not compile.</summary>
    /// <param name="code">The code.</param>
    /// <param name="filePath">The name trace lines use for this cell.</param>
    /// <returns>The exception the code threw (null if none), and whether it produced a value to show.</returns>
    public async Task<(Exception? Exception, bool HasValue, object? Value)> RunAsync(string code, string filePath)
    {
        var options = _options.WithFilePath(filePath);
        var state = _state is null
            ? await CSharpScript.Create(code, options).RunAsync(catchException: _ => true)
            : await _state.ContinueWithAsync(code, options, catchException: _ => true);
        _state = state;
        var hasValue = state.Exception is null && (bool)HasReturnValueMethod.Invoke(state.Script, null)!;
        return (state.Exception, hasValue, state.ReturnValue);
    }
}
