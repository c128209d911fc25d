namespace RunLens;

/// <summary>A problem found while reading a run. The rest of the file and the run still load.</summary>
/// <param name="File">The file's full path.</param>
/// <param name="Offset">Byte offset of the problem in the file (in the decompressed stream for <c>.gz</c> files).</param>
/// <param name="Line">1-based line number of the problem, when known.</param>
/// <param name="Message">What is wrong and what was done about it.</param>
public sealed record LoadIssue(string File, long? Offset, long? Line, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = (Line, Offset) switch
        {
            ({ } l, { } o) => FormattableString.Invariant($":{l} (byte {o})"),
            ({ } l, null) => FormattableString.Invariant($":{l}"),
            (null, { } o) => FormattableString.Invariant($" (byte {o})"),
            _ => "",
        };
        return $"{File}{where}: {Message}";
    }
}
