using System.Runtime.CompilerServices;
using Deedle;
using Microsoft.DotNet.Interactive.Formatting;
using RunLens.Display;

namespace RunLens;

/// <summary>
/// Shows Deedle frames as RunLens paged tables in .NET Interactive. It registers itself the first time RunLens.Deedle
/// is used inside a kernel; outside one it does nothing.
/// </summary>
public static class DeedleFormatting
{
    private const string FormatterType = "Microsoft.DotNet.Interactive.Formatting.Formatter, Microsoft.DotNet.Interactive.Formatting";

    /// <summary>
    /// Registers <c>text/html</c> (a <see cref="PagedTable"/>) and <c>text/plain</c> formatters for every Deedle frame
    /// with the kernel's Formatter. Never throws: outside a kernel (no Microsoft.DotNet.Interactive.Formatting
    /// assembly to load) it returns false.
    /// </summary>
    /// <returns>True when the formatters were registered.</returns>
    public static bool Register()
    {
        if (Type.GetType(FormatterType, throwOnError: false) is null)
            return false;
        try
        {
            RegisterWithFormatter();
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or TypeLoadException or MissingMethodException)
        {
            // A kernel whose Formatting differs from the one this was compiled against: frames show as the kernel
            // shows them, and using RunLens.Deedle still works.
            return false;
        }
    }

    // Loading RunLens.Deedle in a kernel registers the formatters, so frames display as paged tables with no setup.
#pragma warning disable CA2255 // A module initializer in a library: registration must not need a call from the user.
    [ModuleInitializer]
    internal static void RegisterOnLoad() => Register();
#pragma warning restore CA2255

    // Kept out of Register so that the Formatting types are resolved only once it is known to be loadable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterWithFormatter()
    {
        Formatter.Register(new FrameFormatter(MimeFormatterSource.PlainText));
        Formatter.Register(new FrameFormatter(MimeFormatterSource.Html));
    }

    private sealed class FrameFormatter(string mimeType) : ITypeFormatter
    {
        public string MimeType => mimeType;

        public Type Type => typeof(IFrame);

        public bool Format(object instance, FormatContext context)
        {
            if (instance is not IFrame frame)
                return false;
            var table = frame.ToPagedTable();
            context.Writer.Write(MimeType == MimeFormatterSource.Html ? table.ToHtml() : table.ToString());
            return true;
        }
    }
}
