namespace RunLens.Benchmarks;

/// <summary>The few options of the runner modes, parsed by hand: <c>--name value</c> pairs and bare flags.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"Unexpected '{args[i]}': options start with --.");
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i]] = hasValue ? args[++i] : null;
        }
        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) =>
        Text(name) ?? throw new ArgumentException($"{name} needs a value.");

    public int Int(string name, int fallback) =>
        Text(name) is { } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                ? n : throw new ArgumentException($"{name} takes a whole number, not '{text}'.")
            : fallback;
}
