using System.Collections;
using System.Globalization;
using Razorvine.Pickle;

namespace RunLens.Formats.Pickle;

/// <summary>
/// A Python object rebuilt as data: the class's dotted name, the arguments the pickle would have called it with, and
/// the state it would have set. Nothing of the class runs: the class is not even known.
/// </summary>
internal sealed class PyObject(string className, object?[] args)
{
    /// <summary>The class (or function, for a pickled call) as <c>module.qualname</c>.</summary>
    public string ClassName { get; } = className;

    /// <summary>The constructor (or call) arguments; empty for most objects (protocol 2+ NEWOBJ of a plain class).</summary>
    public object?[] Args { get; } = args;

    /// <summary>The state BUILD gave: usually the instance's <c>__dict__</c> (a Hashtable); null when none.</summary>
    public object? State { get; private set; }

    // Razorvine's BUILD looks for a public __setstate__ taking the state's type; one overload per kind of state.
#pragma warning disable IDE1006, CA1707 // the name is Razorvine's contract
    /// <summary>Keeps a dict state.</summary>
    public void __setstate__(Hashtable state) => State = state;

    /// <summary>Keeps a tuple state (for example <c>(None, slots)</c> of a class with <c>__slots__</c>).</summary>
    public void __setstate__(object[] state) => State = state;

    /// <summary>Keeps any other state.</summary>
    public void __setstate__(object state) => State = state;
#pragma warning restore IDE1006, CA1707

    /// <summary>An attribute from the dict state (or the slots dict of a <c>(dict, slots)</c> state), else null.</summary>
    public object? Attribute(string name)
    {
        if (State is Hashtable dict && dict.ContainsKey(name))
            return dict[name];
        if (State is object[] { Length: 2 } pair)
        {
            foreach (var part in pair)
            {
                if (part is Hashtable d && d.ContainsKey(name))
                    return d[name];
            }
        }
        return null;
    }

    /// <summary>True when the state has the attribute (even as None).</summary>
    public bool Has(string name) =>
        State is Hashtable dict ? dict.ContainsKey(name) : State is object[] pair && pair.OfType<Hashtable>().Any(d => d.ContainsKey(name));

    public override string ToString() => ClassName;
}

/// <summary>
/// What a pickle's GLOBAL gives for a class or function RunLens does not know: a stand-in that, when "called" by
/// REDUCE or NEWOBJ, records the call as a <see cref="PyObject"/> instead of running anything.
/// </summary>
internal sealed class PyClass(string name) : IObjectConstructor
{
    /// <summary><c>module.qualname</c>.</summary>
    public string Name { get; } = name;

#pragma warning disable IDE1006, CA1707 // Razorvine's interface names
    public object construct(object[] args) => new PyObject(Name, args);
#pragma warning restore IDE1006, CA1707

    public override string ToString() => Name;
}

/// <summary>
/// A numpy dtype as its pickle gives it: <c>numpy.dtype('f8', False, True)</c> then the state
/// <c>(3, '&lt;', subarray, names, fields, elsize, alignment, flags)</c> (numpy's <c>arraydescr_reduce</c>).
/// </summary>
internal sealed class NumpyDType(string code) : IObjectConstructor
{
    /// <summary>The type code: kind and item size, <c>f8</c>, <c>i4</c>, <c>b1</c>, <c>u1</c>, ...</summary>
    public string Code { get; } = code;

    /// <summary>The byte order from the state: <c>&lt;</c>, <c>&gt;</c> or <c>|</c> (not applicable).</summary>
    public string ByteOrder { get; private set; } = "<";

    /// <summary>True when the dtype has fields or a sub-array (structured): its values are not decoded.</summary>
    public bool Structured { get; private set; }

    /// <summary>The kind letter: f (float), i (signed), u (unsigned), b (bool), or another (not decoded).</summary>
    public char Kind => Code.Length > 0 ? Code[0] : '?';

    /// <summary>The item size in bytes (0 when the code has none).</summary>
    public int Size => Code.Length > 1 && int.TryParse(Code.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>True for the kinds and sizes RunLens decodes.</summary>
    public bool IsNumeric => !Structured && (Kind, Size) is ('f', 2 or 4 or 8) or ('i' or 'u', 1 or 2 or 4 or 8) or ('b', 1);

#pragma warning disable IDE1006, CA1707 // Razorvine's contract
    public void __setstate__(object[] state)
    {
        if (state.Length > 1 && state[1] is string order)
            ByteOrder = order;
        // (version, order, subarray, names, fields, ...): a subarray or field names make it structured.
        Structured = state.Length > 3 && (state[2] is not null || state[3] is not null);
    }

    /// <summary>numpy.dtype is itself a class a pickle may call: <c>numpy.dtype('f8', False, True)</c>.</summary>
    public object construct(object[] args) => new NumpyDType(args.Length > 0 && args[0] is string c ? c : "?");
#pragma warning restore IDE1006, CA1707

    /// <summary>Reads item <paramref name="index"/> of raw little/big-endian bytes as a double.</summary>
    public double Read(ReadOnlySpan<byte> raw, int index)
    {
        var size = Size;
        Span<byte> item = stackalloc byte[8];
        raw.Slice(index * size, size).CopyTo(item);
        if (ByteOrder == ">" && size > 1)
            item[..size].Reverse();
        var bytes = item[..size];
        return (Kind, size) switch
        {
            ('f', 2) => (double)BitConverter.ToHalf(bytes),
            ('f', 4) => BitConverter.ToSingle(bytes),
            ('f', 8) => BitConverter.ToDouble(bytes),
            ('i', 1) => (sbyte)bytes[0],
            ('i', 2) => BitConverter.ToInt16(bytes),
            ('i', 4) => BitConverter.ToInt32(bytes),
            ('i', 8) => BitConverter.ToInt64(bytes),
            ('u', 1) => bytes[0],
            ('u', 2) => BitConverter.ToUInt16(bytes),
            ('u', 4) => BitConverter.ToUInt32(bytes),
            ('u', 8) => BitConverter.ToUInt64(bytes),
            ('b', 1) => bytes[0] != 0 ? 1 : 0,
            _ => double.NaN,
        };
    }

    public override string ToString() => ByteOrder + Code;
}

/// <summary>
/// A numpy array decoded from its pickle, without numpy: values as doubles in C (row-major) order. An array whose
/// dtype is not numeric (objects, strings, structured) or whose bytes do not match its shape keeps
/// <see cref="Problem"/> and no values.
/// </summary>
internal sealed class NumpyArray
{
    /// <summary>Arrays above this many values are not decoded (as doubles they would take over 512 MB).</summary>
    public const long MaxValues = 64L << 20;

    public NumpyDType? DType { get; private set; }

    public int[] Shape { get; private set; } = [];

    /// <summary>The values in C order; empty when <see cref="Problem"/> is set.</summary>
    public double[] Data { get; private set; } = [];

    /// <summary>Why the values were not decoded, or null.</summary>
    public string? Problem { get; private set; } = "no state";

    public int Rank => Shape.Length;

#pragma warning disable IDE1006, CA1707 // Razorvine's contract
    /// <summary>
    /// ndarray.__setstate__'s state: <c>(version, shape, dtype, is_fortran, raw)</c>, or the version-0 form without
    /// the version (numpy's <c>array_setstate</c>).
    /// </summary>
    public void __setstate__(object[] state)
    {
        var at = state.Length == 5 ? 1 : state.Length == 4 ? 0 : -1;
        if (at < 0)
        {
            Problem = FormattableString.Invariant($"an ndarray state of {state.Length} items (expected 5)");
            return;
        }
        Fill(state[at], state[at + 1], state[at + 2] is true, state[at + 3]);
    }
#pragma warning restore IDE1006, CA1707

    /// <summary>Decodes raw bytes of the given shape and dtype, Fortran order when <paramref name="fortran"/>.</summary>
    public void Fill(object? shape, object? dtype, bool fortran, object? raw)
    {
        DType = dtype as NumpyDType;
        if (!TryShape(shape, out var dims))
        {
            Problem = "the shape is not a tuple of sizes";
            return;
        }
        Shape = dims;
        if (DType is null)
        {
            Problem = "no dtype";
            return;
        }
        if (!DType.IsNumeric)
        {
            Problem = $"dtype {DType} is not a number type RunLens decodes";
            return;
        }
        var count = dims.Aggregate(1L, (n, d) => n * d);
        if (count > MaxValues)
        {
            Problem = FormattableString.Invariant($"{count} values, more than RunLens decodes ({MaxValues})");
            return;
        }
        // Python 2 pickles hold the bytes as a latin-1 string.
        var bytes = raw switch
        {
            byte[] b => b,
            string s => s.Select(c => (byte)c).ToArray(),
            _ => null,
        };
        if (bytes is null || bytes.LongLength != count * DType.Size)
        {
            Problem = bytes is null ? "the data is not raw bytes" : FormattableString.Invariant($"{bytes.LongLength} data bytes for {count} values of {DType.Size} bytes");
            return;
        }
        var data = new double[count];
        for (var i = 0; i < count; i++)
            data[i] = DType.Read(bytes, i);
        Data = fortran && dims.Length > 1 ? ToCOrder(data, dims) : data;
        Problem = null;
    }

    /// <summary>Row <paramref name="row"/> of the first axis, as values.</summary>
    public ReadOnlySpan<double> Row(int row)
    {
        var width = Shape.Length == 0 ? 1 : Data.Length / Math.Max(1, Shape[0]);
        return Data.AsSpan(row * width, width);
    }

    /// <summary>Column-major data of shape <paramref name="dims"/> in row-major order.</summary>
    private static double[] ToCOrder(double[] fortran, int[] dims)
    {
        var c = new double[fortran.Length];
        var index = new int[dims.Length];
        for (var i = 0; i < c.Length; i++)
        {
            // i is the C-order position of index; its Fortran offset weighs the first axis least.
            var offset = 0;
            var stride = 1;
            for (var k = 0; k < dims.Length; k++)
            {
                offset += index[k] * stride;
                stride *= dims[k];
            }
            c[i] = fortran[offset];
            for (var k = dims.Length - 1; k >= 0; k--)
            {
                if (++index[k] < dims[k])
                    break;
                index[k] = 0;
            }
        }
        return c;
    }

    private static bool TryShape(object? shape, out int[] dims)
    {
        dims = [];
        if (shape is not object[] items)
            return false;
        dims = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not (int or long) || Convert.ToInt64(items[i], CultureInfo.InvariantCulture) is < 0 or > int.MaxValue)
                return false;
            dims[i] = Convert.ToInt32(items[i], CultureInfo.InvariantCulture);
        }
        return true;
    }

    public override string ToString() => $"ndarray({DType}, [{string.Join(", ", Shape)}])";
}

/// <summary>
/// <c>numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')</c>: an empty array that the following BUILD fills
/// with <see cref="NumpyArray.__setstate__"/>.
/// </summary>
internal sealed class NumpyReconstruct : IObjectConstructor
{
#pragma warning disable IDE1006, CA1707 // Razorvine's interface names
    public object construct(object[] args) => new NumpyArray();
#pragma warning restore IDE1006, CA1707
}

/// <summary>
/// <c>numpy.core.numeric._frombuffer(buffer, dtype, shape, order)</c>: what protocol 5 pickles of contiguous arrays
/// call (numpy's <c>array_reduce_ex_picklebuffer</c>): <c>frombuffer(buf, dtype).reshape(shape, order=order)</c>.
/// </summary>
internal sealed class NumpyFromBuffer : IObjectConstructor
{
#pragma warning disable IDE1006, CA1707 // Razorvine's interface names
    public object construct(object[] args)
    {
        var array = new NumpyArray();
        if (args.Length == 4)
            array.Fill(args[2], args[1], args[3] is "F", args[0]);
        return array;
    }
#pragma warning restore IDE1006, CA1707
}

/// <summary><c>numpy.core.multiarray.scalar(dtype, raw)</c>: a numpy scalar (np.float32, np.int64, np.bool_) as a double.</summary>
internal sealed class NumpyScalar : IObjectConstructor
{
#pragma warning disable IDE1006, CA1707 // Razorvine's interface names
    public object construct(object[] args)
    {
        if (args is [NumpyDType { IsNumeric: true } dtype, byte[] raw] && raw.Length == dtype.Size)
            return dtype.Read(raw, 0);
        return new PyObject("numpy.scalar", args);
    }
#pragma warning restore IDE1006, CA1707
}
