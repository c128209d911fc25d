using System.Globalization;
using System.Text;

namespace RunLens;

/// <summary>
/// A configuration value with the type the run's config file gives it: a number, a boolean, text, null, or a list
/// of values (<c>net_arch: [64, 64]</c> is a list of two numbers, not the text <c>"[64, 64]"</c>). Nested mappings
/// are not values: they flatten to dotted names (<c>policy_kwargs.net_arch</c>).
/// </summary>
public readonly record struct ConfigValue
{
    private readonly IReadOnlyList<ConfigValue>? _items;
    private readonly bool _isNull;

    private ConfigValue(double? number, bool? boolean, string? text, IReadOnlyList<ConfigValue>? items, bool isNull)
    {
        Number = number;
        Boolean = boolean;
        Text = text;
        _items = items;
        _isNull = isNull;
    }

    /// <summary>The null value (JSON <c>null</c>, YAML <c>null</c>/<c>~</c>/empty, Python <c>None</c>).</summary>
    public static ConfigValue Null { get; } = new(null, null, null, null, isNull: true);

    /// <summary>The numeric value, when the value is a number.</summary>
    public double? Number { get; }

    /// <summary>The boolean value, when the value is a boolean.</summary>
    public bool? Boolean { get; }

    /// <summary>The text, when the value is a string; null for every other kind (null and lists included).</summary>
    public string? Text { get; }

    /// <summary>The items, when the value is a list; null otherwise.</summary>
    public IReadOnlyList<ConfigValue>? Items => _items;

    /// <summary>True when the config gave null (<see cref="Null"/>).</summary>
    public bool IsNull => _isNull;

    /// <summary>True when the value is a list (<see cref="Items"/>).</summary>
    public bool IsList => _items is not null;

    /// <summary>A numeric value.</summary>
    public static ConfigValue Of(double number) => new(number, null, null, null, false);

    /// <summary>A boolean value.</summary>
    public static ConfigValue Of(bool value) => new(null, value, null, null, false);

    /// <summary>A text value.</summary>
    public static ConfigValue Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(null, null, text, null, false);
    }

    /// <summary>A list of values.</summary>
    public static ConfigValue List(IEnumerable<ConfigValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(null, null, null, items.ToArray(), false);
    }

    /// <summary>A list of values.</summary>
    public static ConfigValue List(params ConfigValue[] items) => List((IEnumerable<ConfigValue>)items);

    /// <summary>Equal kinds and values; lists item by item.</summary>
    public bool Equals(ConfigValue other) =>
        Number.Equals(other.Number) && Boolean == other.Boolean && Text == other.Text && _isNull == other._isNull
        && (_items is null ? other._items is null : other._items is not null && _items.SequenceEqual(other._items));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Number);
        hash.Add(Boolean);
        hash.Add(Text);
        hash.Add(_isNull);
        foreach (var item in _items ?? [])
            hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>
    /// Invariant text: numbers round-trip (<c>0.0003</c>), booleans <c>true</c>/<c>false</c>, null <c>null</c>, text
    /// as it is, lists in brackets with text items quoted (<c>[64, 64]</c>, <c>["relu", null]</c>).
    /// </summary>
    public override string ToString()
    {
        if (_items is null)
            return Scalar(quoteText: false);
        var text = new StringBuilder("[");
        for (var i = 0; i < _items.Count; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append(_items[i].IsList ? _items[i].ToString() : _items[i].Scalar(quoteText: true));
        }
        return text.Append(']').ToString();
    }

    private string Scalar(bool quoteText) =>
        Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture)
        : Boolean is { } b ? (b ? "true" : "false")
        : _isNull ? "null"
        : Text is { } t ? (quoteText ? "\"" + t.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : t)
        : "";
}
