namespace RunLens.Notebooks.Scripting;

/// <summary>
/// The runner's stand-in for the kernel's <c>System.DisplayExtensions</c> (<c>x.Display()</c>, <c>s.DisplayAs(mime)</c>),
/// imported into every script. Runner only, never in the library: in the kernel it would be ambiguous (CS0121).
/// </summary>
public static class DisplayExtensions
{
    /// <summary>Shows a value below the cell, like <see cref="NotebookKernel.display"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="mimeTypes">MIME types to format it in; none means its preferred ones.</param>
    public static void Display(this object? value, params string[] mimeTypes) => NotebookKernel.display(value, mimeTypes);

    /// <summary>Shows text verbatim as the given MIME type, for example <c>"&lt;b&gt;x&lt;/b&gt;".DisplayAs("text/html")</c>.</summary>
    /// <param name="text">The content.</param>
    /// <param name="mimeType">Its MIME type.</param>
    public static void DisplayAs(this string text, string mimeType) =>
        NotebookKernel.Outputs().Add(new DisplayOutput(new Dictionary<string, string> { [mimeType] = text }, IsResult: false));
}
