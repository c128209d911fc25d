using System.CommandLine;
using System.Globalization;

namespace RunLens.Cli;

/// <summary>
/// The image options <c>plot</c> and <c>compare</c> share: <c>--dpi</c>, <c>--width</c> and <c>--height</c> (inches),
/// <c>--theme</c> and <c>--browser</c>.
/// </summary>
internal sealed class ImageCliOptions
{
    private readonly Option<int> _dpi = new("--dpi") { Description = "Resolution of PNG, JPEG and WebP images, in dots per inch.", DefaultValueFactory = _ => 300 };
    private readonly Option<double?> _width = new("--width") { Description = "Image width in inches (default 6.4; a paper column is 3.5, a page 7)." };
    private readonly Option<double?> _height = new("--height") { Description = "Image height in inches (default 4.8, more for tall charts)." };
    private readonly Option<string> _theme = new("--theme") { Description = "default (the charts' own look) or publication (white, Okabe-Ito colours, print font sizes, no mode bar).", DefaultValueFactory = _ => Theme.Default.Name };
    private readonly Option<string?> _browser = new("--browser") { Description = $"The Chromium, Chrome or Edge executable for images (default: ${ChromiumLocator.EnvironmentVariable}, else chromium on PATH)." };

    /// <summary>What the options said.</summary>
    internal sealed record Values
    {
        public int Dpi { get; init; } = 300;

        public double? Width { get; init; }

        public double? Height { get; init; }

        public Theme Theme { get; init; } = Theme.Default;

        public string? Browser { get; init; }

        public ImageOptions ToImageOptions() => new() { Dpi = Dpi, Width = Width, Height = Height, Theme = Theme, Browser = Browser };
    }

    public static ImageCliOptions Create()
    {
        var options = new ImageCliOptions();
        options._theme.AcceptOnlyFromAmong([.. Theme.All.Select(t => t.Name)]);
        return options;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_dpi);
        command.Options.Add(_width);
        command.Options.Add(_height);
        command.Options.Add(_theme);
        command.Options.Add(_browser);
    }

    public Values Read(ParseResult parse) => new()
    {
        Dpi = parse.GetValue(_dpi),
        Width = parse.GetValue(_width),
        Height = parse.GetValue(_height),
        Theme = Theme.Named(parse.GetValue(_theme)!),
        Browser = parse.GetValue(_browser),
    };

    /// <summary>What is wrong with the values, or null.</summary>
    public static string? Check(Values values, string format)
    {
        if (values.Dpi is < 10 or > 2400)
            return string.Create(CultureInfo.InvariantCulture, $"--dpi must be between 10 and 2400 (300 is print quality), not {values.Dpi}.");
        if (values.Width is { } w && (!double.IsFinite(w) || w is < 0.5 or > 100) || values.Height is { } h && (!double.IsFinite(h) || h is < 0.5 or > 100))
            return "--width and --height are inches, between 0.5 and 100 (a paper column is 3.5, a page 7).";
        if (format == "html" && (values.Width is not null || values.Height is not null))
            return "--width and --height size images; HTML charts fill the page. Use --format png, svg or pdf.";
        return null;
    }

    /// <summary>The browser for images, or null after printing why there is none and how to install one.</summary>
    public static string? FindBrowser(Values values, Terminal terminal, string command)
    {
        try
        {
            return FigureImages.RequireBrowser(values.Browser);
        }
        catch (BrowserNotFoundException ex)
        {
            terminal.Error.WriteLine($"runlens {command}: {ex.Message}");
            return null;
        }
    }
}
