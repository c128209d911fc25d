using Microsoft.AspNetCore.Html;

namespace RunLens.Notebooks.Scripting;

/// <summary>
/// The runner's stand-in for <c>Microsoft.DotNet.Interactive.Kernel</c>'s statics, imported into every script with
/// <c>using static</c> so notebooks written for Polyglot call <c>display(x)</c> and <c>HTML("...")</c> unchanged.
/// Runner only: a library that shipped these would collide with the kernel's own (CS0121).
/// </summary>
public static class NotebookKernel
{
    /// <summary>Shows a value below the cell, formatted like the kernel does (or in the given MIME types).</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">MIME types to format it in; none means its preferred ones.</param>
#pragma warning disable IDE1006 // The kernel's spelling, so notebooks run in both hosts.
    public static void display(object? value, params string[] mimeTypes) =>
#pragma warning restore IDE1006
        Outputs().Add(ValueFormatting.Display(value, isResult: false, mimeTypes));

    /// <summary>Raw HTML, shown as is (the kernel's <c>HTML(string)</c>).</summary>
    /// <param name="html">The markup.</param>
#pragma warning disable CA1054, IDE1006
    public static IHtmlContent HTML(string html) => new HtmlString(html);
#pragma warning restore CA1054, IDE1006

    internal static CellOutputs Outputs() => CellOutputs.Current.Value
        ?? throw new InvalidOperationException("display() works only while the notebook runner runs a cell.");
}
