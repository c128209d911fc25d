using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using RunLens.Display;

namespace RunLens.Interactive;

/// <summary>
/// Shows every <see cref="DataFrame"/> as a RunLens <see cref="PagedTable"/> in .NET Interactive (<c>text/html</c>:
/// the first page as a table, at most 1,000 rows paged by a small script; <c>text/plain</c>: the size and the first
/// rows aligned). Microsoft.Data.Analysis's own package carries a kernel extension that registers a formatter writing
/// up to 10,000 rows of HTML. The kernel's <see cref="Formatter"/> tries the most recently registered formatter of a
/// type first, so whichever extension registers last wins: <see cref="Register(Kernel)"/> registers again each time
/// the kernel reports that another extension loaded.
/// </summary>
public static class DataFrameFormatting
{
    /// <summary>
    /// Registers the <c>text/html</c> and <c>text/plain</c> formatters of <see cref="DataFrame"/>, unless they already
    /// are the ones the kernel tries first (so calling it again adds nothing).
    /// </summary>
    /// <returns>True when it registered; false when ours were already first.</returns>
    public static bool Register()
    {
        if (IsFirst(MimeFormatterSource.Html) && IsFirst(MimeFormatterSource.PlainText))
            return false;
        Formatter.Register(new DataFrameFormatter(MimeFormatterSource.PlainText));
        Formatter.Register(new DataFrameFormatter(MimeFormatterSource.Html));
        return true;
    }

    /// <summary>
    /// Registers now (see <see cref="Register()"/>) and again whenever <paramref name="kernel"/>'s root reports a
    /// <see cref="KernelExtensionLoaded"/> event, so a DataFrame formatter registered by an extension that loads
    /// after RunLens (Microsoft.Data.Analysis's, which comes with the same <c>#r "nuget: RunLens"</c>) does not
    /// replace ours. The subscription ends when the kernel is disposed.
    /// </summary>
    /// <param name="kernel">The kernel the extension is loaded into (its root kernel is watched).</param>
    public static void Register(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Register();
        var root = kernel.RootKernel ?? kernel;
        root.RegisterForDisposal(root.KernelEvents.Subscribe(new ExtensionLoadedObserver()));
    }

    /// <summary>True when the first formatter the kernel would try for a DataFrame in this MIME type is ours.</summary>
    private static bool IsFirst(string mimeType) =>
        Formatter.RegisteredFormatters(includeDefaults: false)
            .FirstOrDefault(f => f.MimeType == mimeType && f.Type != typeof(object) && f.Type.IsAssignableFrom(typeof(DataFrame)))
            is DataFrameFormatter;

    /// <summary>Re-registers on every extension load; other events pass by.</summary>
    private sealed class ExtensionLoadedObserver : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value)
        {
            if (value is KernelExtensionLoaded)
                Register();
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }

    /// <summary>One MIME type of a DataFrame, through <see cref="DataFrameDisplay.ToPagedTable"/>.</summary>
    private sealed class DataFrameFormatter(string mimeType) : ITypeFormatter
    {
        public string MimeType => mimeType;

        public Type Type => typeof(DataFrame);

        public bool Format(object instance, FormatContext context)
        {
            if (instance is not DataFrame frame)
                return false;
            var table = frame.ToPagedTable();
            context.Writer.Write(MimeType == MimeFormatterSource.Html ? table.ToHtml() : table.ToString());
            return true;
        }
    }
}
