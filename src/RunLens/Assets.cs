namespace RunLens;

/// <summary>The one reader of this assembly's embedded files (the notebook stylesheet, the table pager).</summary>
internal static class Assets
{
    public const string Prefix = "RunLens.Assets.";
    public const string DisplayCssName = Prefix + "display.css";
    public const string TableJsName = Prefix + "table.js";

    /// <summary>Every resource the code reads (a test checks each is embedded).</summary>
    public static IReadOnlyList<string> Names { get; } = [DisplayCssName, TableJsName];

    private static readonly Lazy<string> _displayCss = new(() => Read(DisplayCssName));
    private static readonly Lazy<string> _tableJs = new(() => Read(TableJsName));

    public static string DisplayCss => _displayCss.Value;

    public static string TableJs => _tableJs.Value;

    public static string Read(string name)
    {
        var assembly = typeof(Assets).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().TrimEnd('\n');
    }
}
