using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.Json;

/// <summary>
/// The previous plain record of a file as a template: the literal bytes between its scalar values (names, colons,
/// braces, commas, whitespace) and the node each value belongs to. Records of one log nearly always repeat their
/// neighbour's bytes except for the values, so a record is matched by comparing those chunks as whole spans and
/// reading only the values: no name is scanned, hashed or looked up. A record equal to a valid template except for
/// its values, each itself a valid JSON scalar followed by the template's delimiter, is valid JSON of the same
/// structure, so the values and field ids are exactly those <see cref="SimpleRecord"/> would give. Anything else
/// (another shape, an array, an exponent the fast numbers cannot take, a wanted text) declines, and the caller
/// parses the record the long way and learns its shape. One per file reader: not thread-safe.
/// </summary>
internal sealed class RecordShape
{
    private const int MaxValues = 256;
    private const int MaxLiteralBytes = 4096;
    private const int Unassigned = int.MinValue;

    private readonly byte[] _literals = new byte[MaxLiteralBytes];
    // Chunk k (before value k; the last one closes the record) is _literals[_chunkEnds[k-1].._chunkEnds[k]].
    private readonly int[] _chunkEnds = new int[MaxValues + 1];
    // The same chunks as words, for the usual chunk of at most 16 bytes (`,"reward":`): its first 8 bytes (masked to its
    // length when shorter) and its last 8, compared as two integers instead of a call to compare spans per chunk,
    // which was a quarter of a flat record's cost.
    private readonly ChunkWords[] _words = new ChunkWords[MaxValues + 1];
    private readonly int[] _nodes = new int[MaxValues];
    private readonly int[] _fieldIds = new int[MaxValues];
    private readonly int[] _starts = new int[MaxValues];
    private readonly int[] _ends = new int[MaxValues];
    private readonly int[] _learntNodes = new int[MaxValues];
    private FieldTable? _table;
    private int _values = -1;
    private int _learning;

    // One spare per thread: a reader takes it for its file and gives it back when disposed, so a scan of 500 files
    // does not allocate (and zero) 500 templates of 19 KB.
    [ThreadStatic]
    private static RecordShape? t_spare;

    /// <summary>A template with nothing learnt: this thread's spare, or a new one.</summary>
    public static RecordShape Rent()
    {
        var shape = t_spare ?? new RecordShape();
        t_spare = null;
        return shape;
    }

    /// <summary>Forgets what <paramref name="shape"/> learnt and keeps it as this thread's spare; the caller's reference is cleared.</summary>
    public static void Return(ref RecordShape shape)
    {
        if (shape is null)
            return;
        shape._values = -1;
        shape._table = null;
        t_spare = shape;
        shape = null!;
    }

    /// <summary>Starts recording the values of a record about to be parsed the long way.</summary>
    public void BeginLearning() => _learning = 0;

    /// <summary>Records one scalar value at [start, end) of the record under <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Value(int start, int end, int node)
    {
        if ((uint)_learning < MaxValues)
        {
            _starts[_learning] = start;
            _ends[_learning] = end;
            _learntNodes[_learning] = node;
        }
        _learning++;
    }

    /// <summary>Makes the record just parsed (its <paramref name="record"/> bytes, values recorded) the template.</summary>
    public void Learn(ReadOnlySpan<byte> record, FieldTable fields)
    {
        _values = -1;
        if (_learning > MaxValues || record.Length - Gaps() > MaxLiteralBytes)
            return;
        var written = 0;
        var previous = 0;
        for (var k = 0; k <= _learning; k++)
        {
            var end = k < _learning ? _starts[k] : record.Length;
            record[previous..end].CopyTo(_literals.AsSpan(written));
            written += end - previous;
            _chunkEnds[k] = written;
            _words[k] = ChunkWords.Of(_literals.AsSpan(written - (end - previous), end - previous));
            if (k < _learning)
            {
                _nodes[k] = _learntNodes[k];
                _fieldIds[k] = Unassigned;
                previous = _ends[k];
            }
        }
        _table = fields;
        _values = _learning;
    }

    private int Gaps()
    {
        var sum = 0;
        for (var k = 0; k < _learning; k++)
            sum += _ends[k] - _starts[k];
        return sum;
    }

    /// <summary>
    /// True when the record at the start of <paramref name="data"/> has the template's shape; its values are then
    /// in <paramref name="record"/>. On false the record may hold some of them: the caller begins it again.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<byte> data, FieldTable fields, RecordBuffer record, out int consumed)
    {
        consumed = 0;
        var values = _values;
        if (values < 0 || !ReferenceEquals(fields, _table))
            return false;
        var literals = _literals.AsSpan();
        var chunkEnds = _chunkEnds.AsSpan(0, values + 1);
        var words = _words.AsSpan(0, values + 1);
        var fieldIds = _fieldIds.AsSpan(0, values);
        var wantText = record.WantText;
        var i = 0;
        var chunkStart = 0;
        for (var k = 0; k < fieldIds.Length; k++)
        {
            var chunkEnd = chunkEnds[k];
            var match = words[k].Match(data, i);
            if (match == Match.No || match == Match.Undecided && !data[i..].StartsWith(literals[chunkStart..chunkEnd]))
                return false;
            i += chunkEnd - chunkStart;
            chunkStart = chunkEnd;
            if ((uint)i >= (uint)data.Length)
                return false;
            var c = data[i];
            double value;
            if (c == '-' || (uint)(c - '0') <= 9)
            {
                if (!TryNumber(data, ref i, out value))
                    return false;
            }
            else if (c == 't')
            {
                if (!SimpleRecord.Literal(data, ref i, "true"u8))
                    return false;
                value = 1;
            }
            else if (c == 'f')
            {
                if (!SimpleRecord.Literal(data, ref i, "false"u8))
                    return false;
                value = 0;
            }
            else if (c == 'n')
            {
                if (!SimpleRecord.Literal(data, ref i, "null"u8))
                    return false;
                continue;
            }
            else if (c == '"' && !wantText)
            {
                i++;
                if (!SimpleRecord.SkipPlainString(data, ref i))
                    return false;
                i++;
                continue;
            }
            else
            {
                return false;
            }
            var id = fieldIds[k];
            if (id == Unassigned)
                id = fieldIds[k] = fields.FieldOf(_nodes[k]);
            record.Add(id, value);
        }
        var last = literals[chunkStart..chunkEnds[^1]];
        if (!data[i..].StartsWith(last))
            return false;
        consumed = i + last.Length;
        return true;
    }

    /// <summary>
    /// A JSON number followed by a delimiter, read in one pass when it is at most 15 bytes without an exponent (the
    /// value <see cref="FastNumber"/> gives such a token); longer ones and exponents go through SkipNumber and
    /// <see cref="FastNumber.TryParse"/> as in <see cref="SimpleRecord"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryNumber(ReadOnlySpan<byte> data, ref int i, out double value)
    {
        var start = i;
        var negative = data[i] == '-';
        if (negative)
            i++;
        ulong mantissa = 0;
        uint d;
        if ((uint)i < (uint)data.Length && data[i] == '0')
        {
            i++;
        }
        else
        {
            var first = i;
            while ((uint)i < (uint)data.Length && (d = (uint)(data[i] - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                i++;
            }
            if (i == first)
                return Fail(out value);
        }
        var fractionDigits = 0;
        if ((uint)i < (uint)data.Length && data[i] == '.')
        {
            var fraction = ++i;
            while ((uint)i < (uint)data.Length && (d = (uint)(data[i] - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                i++;
            }
            fractionDigits = i - fraction;
            if (fractionDigits == 0)
                return Fail(out value);
        }
        if ((uint)i >= (uint)data.Length)
            return Fail(out value);
        var c = data[i];
        if (i - start > 15 || (c | 0x20) == 'e')
        {
            i = start;
            if (!SimpleRecord.SkipNumber(data, ref i))
                return Fail(out value);
            return FastNumber.TryParse(data[start..i], out value);
        }
        if (!SimpleRecord.IsDelimiter(c))
            return Fail(out value);
        var magnitude = fractionDigits == 0 ? (double)mantissa : mantissa / FastNumber.PowerOfTen(fractionDigits);
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private enum Match : byte
    {
        Undecided,
        No,
        Yes,
    }

    /// <summary>A chunk of at most 16 bytes as two little-endian words, compared without a call when 16 bytes can be read.</summary>
    private readonly struct ChunkWords(ulong head, ulong mask, ulong tail, int length)
    {
        private readonly ulong _head = head;
        private readonly ulong _mask = mask;
        private readonly ulong _tail = tail;
        private readonly int _length = length;

        public static ChunkWords Of(ReadOnlySpan<byte> chunk)
        {
            if (chunk.Length > 16)
                return new(0, 0, 0, chunk.Length);
            Span<byte> padded = stackalloc byte[8];
            padded.Clear();
            chunk[..Math.Min(8, chunk.Length)].CopyTo(padded);
            var head = BinaryPrimitives.ReadUInt64LittleEndian(padded);
            var mask = chunk.Length >= 8 ? ulong.MaxValue : (1UL << (8 * chunk.Length)) - 1;
            var tail = chunk.Length > 8 ? BinaryPrimitives.ReadUInt64LittleEndian(chunk[^8..]) : 0;
            return new(head, mask, tail, chunk.Length);
        }

        /// <summary>
        /// Whether <paramref name="data"/> holds the chunk at <paramref name="at"/>; undecided when the chunk is longer
        /// than 16 bytes or fewer than 16 bytes remain (near the end of the buffer), for the caller to compare spans.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Match Match(ReadOnlySpan<byte> data, int at)
        {
            if (_length > 16 || at > data.Length - 16)
                return RecordShape.Match.Undecided;
            ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), at);
            if ((Unsafe.ReadUnaligned<ulong>(ref start) & _mask) != _head)
                return RecordShape.Match.No;
            return _length <= 8 || Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, _length - 8)) == _tail
                ? RecordShape.Match.Yes : RecordShape.Match.No;
        }
    }

    private static bool Fail(out double value)
    {
        value = 0;
        return false;
    }
}
