namespace RunLens.Formats.Csv;

/// <summary>The ranges of the lines of a buffer split at '\n' (what <c>span.Split((byte)'\n')</c> gives on .NET 9+; the
/// core also targets .NET 8). The last range runs to the end of the buffer, empty when it ends with '\n'.</summary>
internal static class ByteLines
{
    public static List<Range> Of(ReadOnlySpan<byte> buffer)
    {
        var ranges = new List<Range>();
        var start = 0;
        while (true)
        {
            var at = buffer[start..].IndexOf((byte)'\n');
            if (at < 0)
            {
                ranges.Add(new Range(start, buffer.Length));
                return ranges;
            }
            ranges.Add(new Range(start, start + at));
            start += at + 1;
        }
    }
}
