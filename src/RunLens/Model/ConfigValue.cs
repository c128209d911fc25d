using System.Globalization;

namespace RunLens;

/// <summary>A configuration value as the run's config file gives it: a number, a boolean or text.</summary>
public readonly record struct ConfigValue
{
    private ConfigValue(double? number, bool? boolean, string? text)
    {
        Number = number;
        Boolean = boolean;
        Text = text;
    }

    /// <summary>The numeric value, when the value is a number.</summary>
    public double? Number { get; }

    /// <summary>The boolean value, when the value is a boolean.</summary>
    public bool? Boolean { get; }

    /// <summary>The text, when the value is a string (or null, given as the empty string).</summary>
    public string? Text { get; }

    /// <summary>A numeric value.</summary>
    public static ConfigValue Of(double number) => new(number, null, null);

    /// <summary>A boolean value.</summary>
    public static ConfigValue Of(bool value) => new(null, value, null);

    /// <summary>A text value.</summary>
    public static ConfigValue Of(string text) => new(null, null, text);

    /// <inheritdoc />
    public override string ToString() =>
        Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture)
        : Boolean is { } b ? (b ? "true" : "false")
        : Text ?? "";
}
