using System.Buffers;

namespace RunLens.Formats.Json;

/// <summary>
/// Follows a record longer than the reader's window through the file, a window at a time, and keeps a compact copy of
/// it: every array becomes <c>[]</c> (the parser skips arrays anyway) and every string longer than
/// <see cref="StringLimit"/> becomes <c>""</c>. The copy holds the record's names and scalars, so the parser reads
/// the same numbers from it as from the whole record, while memory stays bounded by the window whatever one value
/// holds (a 200 MB string, an array of millions of numbers). Only strings and nesting are followed here: the copy is
/// what the parser validates, so what was left out (array contents, long text) is not checked.
/// </summary>
internal sealed class OversizedRecord : IDisposable
{
    private static readonly SearchValues<byte> Structure = SearchValues.Create("\"{}[]"u8);

    private readonly int _copyLimit;
    private byte[] _copy = ArrayPool<byte>.Shared.Rent(4096);
    private int _copied;
    private int _depth;
    private bool _inString;
    private bool _escaped;
    private int _skipDepth = -1;
    private bool _skippingString;
    private int _stringStart;
    private long _stringBytes;

    /// <param name="window">The reader's window: the copy may not grow past it, and strings longer than a sixteenth of it are left out.</param>
    public OversizedRecord(int window)
    {
        _copyLimit = window;
        StringLimit = Math.Max(window / 16, 16);
    }

    /// <summary>Strings longer than this (in bytes, as written) are left out of the copy.</summary>
    public int StringLimit { get; }

    /// <summary>True once the record's closing brace was met.</summary>
    public bool Ended { get; private set; }

    /// <summary>True when the names and scalars alone did not fit the window: the copy is incomplete and the record is lost.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>The record's length in the file so far.</summary>
    public long Length { get; private set; }

    /// <summary>How many arrays were left out.</summary>
    public int Arrays { get; private set; }

    /// <summary>How many long strings were left out.</summary>
    public int Strings { get; private set; }

    /// <summary>The longest string left out, in bytes.</summary>
    public long LongestString { get; private set; }

    /// <summary>The compact copy (complete once <see cref="Ended"/>, unless <see cref="TooLarge"/>).</summary>
    public ReadOnlySpan<byte> Copy => _copy.AsSpan(0, _copied);

    /// <summary>
    /// Follows the record through <paramref name="data"/> (the next bytes of the file; the first call starts at the
    /// record's '{'). Returns how many bytes belong to the record: all of them until <see cref="Ended"/>.
    /// </summary>
    public int Advance(ReadOnlySpan<byte> data)
    {
        var i = 0;
        var copyFrom = 0;
        while (i < data.Length)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                    i++;
                    _stringBytes++;
                    continue;
                }
                var k = data[i..].IndexOfAny((byte)'"', (byte)'\\');
                if (k < 0)
                {
                    _stringBytes += data.Length - i;
                    i = data.Length;
                    break;
                }
                i += k;
                _stringBytes += k;
                if (data[i] == '\\')
                {
                    _escaped = true;
                    _stringBytes++;
                    i++;
                    continue;
                }
                _inString = false;
                if (_skippingString)
                {
                    _skippingString = false;
                    LongestString = Math.Max(LongestString, _stringBytes);
                    copyFrom = i + 1;
                }
                else if (Copying && _stringBytes > StringLimit)
                {
                    LeaveOutString(data, ref copyFrom, i, closed: true);
                }
                i++;
                continue;
            }
            var next = data[i..].IndexOfAny(Structure);
            if (next < 0)
            {
                i = data.Length;
                break;
            }
            i += next;
            switch (data[i])
            {
                case (byte)'"':
                    _inString = true;
                    _stringBytes = 0;
                    if (Copying)
                        _stringStart = _copied + (i - copyFrom);
                    break;
                case (byte)'[':
                    if (Copying)
                    {
                        Append(data[copyFrom..(i + 1)]);
                        _skipDepth = _depth;
                        Arrays++;
                    }
                    _depth++;
                    break;
                case (byte)'{':
                    _depth++;
                    break;
                default:
                    _depth--;
                    if (_skipDepth >= 0 && _depth == _skipDepth)
                    {
                        // The array (or whatever its brackets hold) ends: close it empty and copy on after it.
                        _skipDepth = -1;
                        Append("]"u8);
                        copyFrom = i + 1;
                    }
                    else if (_depth <= 0)
                    {
                        Append(data[copyFrom..(i + 1)]);
                        Ended = true;
                        Length += i + 1;
                        return i + 1;
                    }
                    break;
            }
            i++;
        }
        // A string still open at the end of the window: left out now if it is already too long, so the copy never
        // holds more of it than the limit.
        if (_inString && Copying && _stringBytes > StringLimit)
            LeaveOutString(data, ref copyFrom, data.Length, closed: false);
        if (Copying)
            Append(data[copyFrom..]);
        Length += data.Length;
        return data.Length;
    }

    private bool Copying => _skipDepth < 0 && !_skippingString;

    /// <summary>Replaces the string begun at <see cref="_stringStart"/> by <c>""</c> in the copy.</summary>
    private void LeaveOutString(ReadOnlySpan<byte> data, ref int copyFrom, int at, bool closed)
    {
        // Only what precedes the string's opening quote is copied (it may have begun in an earlier window, then the
        // copy is cut back to it).
        if (_stringStart >= _copied)
            Append(data[copyFrom..(copyFrom + _stringStart - _copied)]);
        else
            _copied = _stringStart;
        Append("\"\""u8);
        Strings++;
        _skippingString = !closed;
        copyFrom = closed ? at + 1 : at;
        if (closed)
            LongestString = Math.Max(LongestString, _stringBytes);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (TooLarge || bytes.IsEmpty)
            return;
        if (_copied + bytes.Length > _copyLimit)
        {
            TooLarge = true;
            return;
        }
        if (_copied + bytes.Length > _copy.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_copy.Length * 2, _copied + bytes.Length), Math.Max(_copyLimit, _copied + bytes.Length)));
            _copy.AsSpan(0, _copied).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_copy);
            _copy = bigger;
        }
        bytes.CopyTo(_copy.AsSpan(_copied));
        _copied += bytes.Length;
    }

    public void Dispose()
    {
        if (_copy.Length > 0)
            ArrayPool<byte>.Shared.Return(_copy);
        _copy = [];
    }
}
