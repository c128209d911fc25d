namespace RunLens;

/// <summary>One whole record kept by a sampler, with every field under its name as written.</summary>
/// <param name="File">The file's path relative to the loaded folder.</param>
/// <param name="Offset">The record's byte offset in the file (decompressed stream for <c>.gz</c>).</param>
/// <param name="Ordinal">The record's 0-based position among the file's valid records.</param>
/// <param name="Step">The record's step.</param>
/// <param name="Values">Numeric fields (booleans as 0 and 1).</param>
/// <param name="Text">Text fields.</param>
public sealed record RecordRow(
    string File, long Offset, long Ordinal, long Step,
    IReadOnlyDictionary<string, double> Values, IReadOnlyDictionary<string, string> Text)
{
    /// <summary>A numeric field's value, or NaN when the record does not have it.</summary>
    public double this[string field] => Values.TryGetValue(field, out var v) ? v : double.NaN;
}
