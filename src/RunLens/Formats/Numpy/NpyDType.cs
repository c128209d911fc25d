using System.Buffers.Binary;
using System.Globalization;

namespace RunLens.Formats.Numpy;

/// <summary>What a NumPy <c>descr</c> string says about the array's elements.</summary>
internal enum NpyKind
{
    /// <summary>A dtype RunLens does not decode (complex, strings, dates, structured records).</summary>
    Unsupported,

    /// <summary>IEEE floating point of 2, 4 or 8 bytes.</summary>
    Float,

    /// <summary>Signed integers of 1, 2, 4 or 8 bytes.</summary>
    Int,

    /// <summary>Unsigned integers of 1, 2, 4 or 8 bytes.</summary>
    UInt,

    /// <summary>Booleans, one byte each (0 is false).</summary>
    Bool,

    /// <summary>Pickled Python objects (<c>|O</c>): never decoded, they need Python to read.</summary>
    Object,
}

/// <summary>A NumPy element type parsed from a <c>descr</c> such as <c>&lt;f8</c>, <c>&gt;i4</c>, <c>|b1</c> or <c>|O</c>.</summary>
/// <param name="Descr">The descr as written.</param>
/// <param name="Kind">The element kind.</param>
/// <param name="ItemSize">Bytes per element (0 when unknown).</param>
/// <param name="BigEndian">True for <c>&gt;</c> byte order.</param>
internal readonly record struct NpyDType(string Descr, NpyKind Kind, int ItemSize, bool BigEndian)
{
    /// <summary>True when the elements can be read as numbers.</summary>
    public bool IsNumeric => Kind is NpyKind.Float or NpyKind.Int or NpyKind.UInt or NpyKind.Bool;

    /// <summary>Parses a descr string. Anything RunLens cannot decode comes back as <see cref="NpyKind.Unsupported"/>.</summary>
    public static NpyDType Parse(string descr)
    {
        var text = descr.AsSpan();
        var bigEndian = false;
        if (text.Length > 0 && text[0] is '<' or '>' or '|' or '=')
        {
            // '=' is native order; every machine RunLens runs on is little-endian, as are the files numpy writes there.
            bigEndian = text[0] == '>' || (text[0] == '=' && !BitConverter.IsLittleEndian);
            text = text[1..];
        }
        if (text.Length == 0)
            return new(descr, NpyKind.Unsupported, 0, bigEndian);
        var kindChar = text[0];
        var size = 0;
        if (text.Length > 1 && !int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out size))
            return new(descr, NpyKind.Unsupported, 0, bigEndian);
        var kind = (kindChar, size) switch
        {
            ('f', 2 or 4 or 8) => NpyKind.Float,
            ('i', 1 or 2 or 4 or 8) => NpyKind.Int,
            ('u', 1 or 2 or 4 or 8) => NpyKind.UInt,
            ('b', 1) or ('?', 0 or 1) => NpyKind.Bool,
            ('O', _) => NpyKind.Object,
            _ => NpyKind.Unsupported,
        };
        if (kind == NpyKind.Bool)
            size = 1;
        if (kind == NpyKind.Object && size == 0)
            size = 8;
        return new(descr, kind, size, bigEndian);
    }

    /// <summary>
    /// Decodes whole elements: <paramref name="bytes"/> holds <c>into.Length * ItemSize</c> bytes. The type switch is
    /// outside the loops, so large arrays decode at memory speed.
    /// </summary>
    public void Decode(ReadOnlySpan<byte> bytes, Span<double> into)
    {
        var n = into.Length;
        switch (Kind, ItemSize, BigEndian)
        {
            case (NpyKind.Float, 8, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                break;
            case (NpyKind.Float, 8, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadDoubleBigEndian(bytes[(i * 8)..]);
                break;
            case (NpyKind.Float, 4, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                break;
            case (NpyKind.Float, 4, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadSingleBigEndian(bytes[(i * 4)..]);
                break;
            case (NpyKind.Float, 2, false):
                for (var i = 0; i < n; i++)
                    into[i] = (double)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
                break;
            case (NpyKind.Float, 2, true):
                for (var i = 0; i < n; i++)
                    into[i] = (double)BinaryPrimitives.ReadHalfBigEndian(bytes[(i * 2)..]);
                break;
            case (NpyKind.Int, 8, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]);
                break;
            case (NpyKind.Int, 8, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadInt64BigEndian(bytes[(i * 8)..]);
                break;
            case (NpyKind.Int, 4, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
                break;
            case (NpyKind.Int, 4, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(i * 4)..]);
                break;
            case (NpyKind.Int, 2, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]);
                break;
            case (NpyKind.Int, 2, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadInt16BigEndian(bytes[(i * 2)..]);
                break;
            case (NpyKind.Int, 1, _):
                for (var i = 0; i < n; i++)
                    into[i] = (sbyte)bytes[i];
                break;
            case (NpyKind.UInt, 8, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
                break;
            case (NpyKind.UInt, 8, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes[(i * 8)..]);
                break;
            case (NpyKind.UInt, 4, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
                break;
            case (NpyKind.UInt, 4, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(i * 4)..]);
                break;
            case (NpyKind.UInt, 2, false):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]);
                break;
            case (NpyKind.UInt, 2, true):
                for (var i = 0; i < n; i++)
                    into[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i * 2)..]);
                break;
            case (NpyKind.UInt, 1, _):
                for (var i = 0; i < n; i++)
                    into[i] = bytes[i];
                break;
            case (NpyKind.Bool, _, _):
                for (var i = 0; i < n; i++)
                    into[i] = bytes[i] != 0 ? 1 : 0;
                break;
            default:
                throw new InvalidOperationException($"dtype '{Descr}' is not numeric.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Descr;
}
