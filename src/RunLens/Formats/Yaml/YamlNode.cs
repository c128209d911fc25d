namespace RunLens.Formats.Yaml;

/// <summary>A node of a YAML document: a scalar, a sequence or a mapping, with its tag and 1-based line.</summary>
internal abstract record YamlNode(string? Tag, int Line);

/// <summary>A scalar. <see cref="Value"/> is null for YAML's null (<c>null</c>, <c>~</c>, nothing).</summary>
internal sealed record YamlScalar(string? Value, bool Quoted, string? Tag, int Line) : YamlNode(Tag, Line);

/// <summary>A sequence, block (<c>- item</c>) or flow (<c>[a, b]</c>).</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, string? Tag, int Line) : YamlNode(Tag, Line);

/// <summary>A mapping, block (<c>key: value</c>) or flow (<c>{a: 1}</c>), in document order.</summary>
internal sealed record YamlMapping(IReadOnlyList<(string Key, YamlNode Value)> Entries, string? Tag, int Line) : YamlNode(Tag, Line)
{
    /// <summary>The value of a key, or null.</summary>
    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>The text is not YAML this reader understands; <see cref="Line"/> says where.</summary>
internal sealed class YamlException(int line, string message) : Exception(FormattableString.Invariant($"line {line}: {message}"))
{
    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; } = line;
}
