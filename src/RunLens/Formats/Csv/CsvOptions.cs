namespace RunLens.Formats.Csv;

/// <summary>How a CSV file departs from the plain header-then-rows layout.</summary>
internal sealed record CsvOptions
{
    /// <summary>A plain CSV file: the first non-blank line is the header.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>
    /// Lines starting with <c>#</c> before the header are comments, not the header (the SB3 monitor's
    /// <c>#{"t_start": ...}</c> line). They are kept in <see cref="CsvRecordReader.Comments"/>.
    /// </summary>
    public bool LeadingComments { get; init; }

    /// <summary>Renames a header name (already trimmed) before it becomes a field; null keeps the names.</summary>
    public Func<string, string>? ColumnName { get; init; }

    /// <summary>
    /// Reports, once per column at the end of the file, cells that are not numbers (true by default); false for a
    /// caller that reports them itself (the SB3 monitor reader, per row).
    /// </summary>
    public bool ReportTextCells { get; init; } = true;
}
