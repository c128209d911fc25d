using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RunLens.Formats.Numpy;

/// <summary>
/// The header of a <c>.npy</c> array: the magic <c>\x93NUMPY</c>, the format version (1.0, 2.0 or 3.0), the header
/// length (2 bytes in version 1, 4 after), then a Python dict literal such as
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 5), }</c> padded with spaces to a multiple of 64.
/// </summary>
/// <param name="DType">The element type.</param>
/// <param name="FortranOrder">True when the data is stored column-major.</param>
/// <param name="Shape">The dimensions (empty for a scalar).</param>
/// <param name="DataOffset">Where the data starts, from the start of the <c>.npy</c> bytes.</param>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, long[] Shape, long DataOffset)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The largest header accepted: numpy itself refuses headers above 10,000 bytes unless told otherwise.</summary>
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>The number of elements (1 for a scalar); -1 when the shape's product overflows (a corrupt header).</summary>
    public long Count
    {
        get
        {
            var n = 1L;
            foreach (var d in Shape)
            {
                if (d != 0 && n > long.MaxValue / 16 / d)
                    return -1;
                n *= d;
            }
            return n;
        }
    }

    /// <summary>The bytes the data should take; -1 when the shape's product overflows.</summary>
    public long DataBytes => Count < 0 ? -1 : Count * DType.ItemSize;

    /// <summary>The shape as Python writes it: <c>(3, 5)</c>, <c>(7,)</c>, <c>()</c>.</summary>
    public string ShapeText => Shape.Length == 1
        ? FormattableString.Invariant($"({Shape[0]},)")
        : "(" + string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";

    /// <summary>Reads the header from the start of a stream; the stream is left at the first data byte.</summary>
    /// <exception cref="NpyFormatException">The bytes are not a valid header (with the position of the problem).</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    public static NpyHeader Read(Stream stream)
    {
        Span<byte> prefix = stackalloc byte[12];
        var got = stream.ReadAtLeast(prefix[..10], 10, throwOnEndOfStream: false);
        if (got < 10)
            throw new NpyFormatException($"the .npy header is cut short ({got} bytes)", got);
        if (!prefix[..6].SequenceEqual(Magic))
            throw new NpyFormatException("not a .npy array (no \\x93NUMPY magic)", 0);
        var major = prefix[6];
        int headerLength;
        long dataStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
            dataStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (stream.ReadAtLeast(prefix[10..12], 2, throwOnEndOfStream: false) < 2)
                throw new NpyFormatException("the .npy header is cut short", 10);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
            if (length > MaxHeaderBytes)
                throw new NpyFormatException(FormattableString.Invariant($"the .npy header claims {length} bytes"), 8);
            headerLength = (int)length;
            dataStart = 12;
        }
        else
        {
            throw new NpyFormatException(FormattableString.Invariant($"unknown .npy format version {major}.{prefix[7]}"), 6);
        }
        var text = new byte[headerLength];
        got = stream.ReadAtLeast(text, headerLength, throwOnEndOfStream: false);
        if (got < headerLength)
            throw new NpyFormatException(FormattableString.Invariant($"the .npy header is cut short ({got} of {headerLength} bytes)"), dataStart + got);
        // Version 3.0 allows UTF-8 in field names; 1.0 and 2.0 are latin-1.
        var header = major == 3 ? Encoding.UTF8.GetString(text) : Encoding.Latin1.GetString(text);
        return Parse(header, dataStart, dataStart + headerLength);
    }

    private static NpyHeader Parse(string text, long textStart, long dataOffset)
    {
        Dictionary<string, object?> dict;
        try
        {
            dict = new PythonLiteral(text).ReadDict();
        }
        catch (FormatException ex)
        {
            throw new NpyFormatException($"the .npy header is not a Python dict ({ex.Message})", textStart);
        }
        if (!dict.TryGetValue("descr", out var descr) || !dict.TryGetValue("shape", out var shape))
            throw new NpyFormatException("the .npy header lacks 'descr' or 'shape'", textStart);
        var dtype = descr switch
        {
            string s => NpyDType.Parse(s),
            // A list of (name, type) pairs: a structured dtype, which has no single numeric reading.
            _ => new NpyDType("structured", NpyKind.Unsupported, 0, false),
        };
        var fortran = dict.TryGetValue("fortran_order", out var f) && f is true;
        if (shape is not List<object?> dims || dims.Any(d => d is not long n || n < 0))
            throw new NpyFormatException("the .npy header's 'shape' is not a tuple of sizes", textStart);
        return new NpyHeader(dtype, fortran, dims.Select(d => (long)d!).ToArray(), dataOffset);
    }

    /// <summary>
    /// Just enough of Python's literal syntax for numpy headers: dicts, tuples and lists, quoted strings, integers
    /// (with Python 2's <c>L</c> suffix), <c>True</c>, <c>False</c> and <c>None</c>.
    /// </summary>
    private ref struct PythonLiteral(string text)
    {
        private readonly string _text = text;
        private int _at;

        public Dictionary<string, object?> ReadDict()
        {
            Skip();
            Expect('{');
            var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                Skip();
                if (Peek() == '}')
                {
                    _at++;
                    return dict;
                }
                if (ReadValue() is not string key)
                    throw new FormatException("a key is not a string");
                Skip();
                Expect(':');
                dict[key] = ReadValue();
                Skip();
                if (Peek() == ',')
                    _at++;
                else if (Peek() != '}')
                    throw new FormatException(FormattableString.Invariant($"',' or '}}' expected at {_at}"));
            }
        }

        private object? ReadValue()
        {
            Skip();
            var c = Peek();
            if (c is '\'' or '"')
                return ReadString(c);
            if (c is '(' or '[')
                return ReadSequence(c == '(' ? ')' : ']');
            if (c == '{')
                return ReadDict();
            var start = _at;
            while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '-' or '+' or '.'))
                _at++;
            var word = _text[start.._at];
            switch (word)
            {
                case "True": return true;
                case "False": return false;
                case "None": return null;
            }
            var digits = word.EndsWith('L') ? word[..^1] : word;
            if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                return n;
            throw new FormatException(FormattableString.Invariant($"unexpected '{word}' at {start}"));
        }

        private List<object?> ReadSequence(char close)
        {
            _at++;
            var items = new List<object?>();
            while (true)
            {
                Skip();
                if (Peek() == close)
                {
                    _at++;
                    return items;
                }
                items.Add(ReadValue());
                Skip();
                if (Peek() == ',')
                    _at++;
                else if (Peek() != close)
                    throw new FormatException(FormattableString.Invariant($"',' or '{close}' expected at {_at}"));
            }
        }

        private string ReadString(char quote)
        {
            var builder = new StringBuilder();
            _at++;
            while (_at < _text.Length && _text[_at] != quote)
            {
                if (_text[_at] == '\\' && _at + 1 < _text.Length)
                    _at++;
                builder.Append(_text[_at++]);
            }
            if (_at >= _text.Length)
                throw new FormatException("a string does not end");
            _at++;
            return builder.ToString();
        }

        private readonly char Peek() => _at < _text.Length ? _text[_at] : throw new FormatException("the header ends early");

        private void Expect(char c)
        {
            if (Peek() != c)
                throw new FormatException(FormattableString.Invariant($"'{c}' expected at {_at}"));
            _at++;
        }

        private void Skip()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
                _at++;
        }
    }
}

/// <summary>A <c>.npy</c> array's bytes are not what its header says; <see cref="Position"/> is where, in the array's bytes.</summary>
internal sealed class NpyFormatException(string message, long position) : Exception(message)
{
    /// <summary>The byte position of the problem from the start of the <c>.npy</c> bytes.</summary>
    public long Position { get; } = position;
}
