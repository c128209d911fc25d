using System.Buffers.Binary;
using System.Text;
using Razorvine.Pickle;

namespace RunLens.Formats.Pickle;

/// <summary>
/// Loads a pickle as data, running none of it. Razorvine's unpickler never calls Python (there is none), but it
/// turns an unknown class into a <c>ClassDict</c> only when called without arguments; a NamedTuple (Maze's
/// <c>ActorID</c>), an Enum or a pickled call such as <c>os.system('...')</c> would make it throw. So every global
/// the pickle names is first found by walking its opcodes, and each one RunLens does not know is registered as a
/// <see cref="PyClass"/>, which records a call as a <see cref="PyObject"/>. numpy's array, dtype and scalar globals
/// (numpy 1's <c>numpy.core.*</c> and numpy 2's <c>numpy._core.*</c>) decode to <see cref="NumpyArray"/> and
/// numbers. Razorvine's constructor table is static and not thread-safe, so registering and loading share one lock.
/// </summary>
internal static class SafePickle
{
    private static readonly object Gate = new();

    static SafePickle()
    {
        foreach (var core in new[] { "numpy.core", "numpy._core" })
        {
            Unpickler.registerConstructor(core + ".multiarray", "_reconstruct", new NumpyReconstruct());
            Unpickler.registerConstructor(core + "._multiarray_umath", "_reconstruct", new NumpyReconstruct());
            Unpickler.registerConstructor(core + ".multiarray", "scalar", new NumpyScalar());
            Unpickler.registerConstructor(core + "._multiarray_umath", "scalar", new NumpyScalar());
            Unpickler.registerConstructor(core + ".numeric", "_frombuffer", new NumpyFromBuffer());
        }
        Unpickler.registerConstructor("numpy", "dtype", new NumpyDType("?"));
        Unpickler.registerConstructor("numpy", "ndarray", new PyClass("numpy.ndarray"));
    }

    /// <summary>The loaded object, or null with <paramref name="problem"/> and <paramref name="offset"/> saying why.</summary>
    public static object? Load(byte[] data, out string? problem, out long? offset)
    {
        var globals = Scan(data, out problem, out offset);
        if (globals is null)
            return null;
        lock (Gate)
        {
            foreach (var (module, name) in globals)
                KnownNames.Register(module, name);
            try
            {
                using var unpickler = new Unpickler();
                return unpickler.loads(data);
            }
            // Razorvine reports damage as PickleException, but a malformed stream can also surface as a cast, a
            // missing stack item or a bad argument; whatever it is, the file is reported and the run loads on.
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                problem = $"not a readable pickle: {ex.Message}";
                return null;
            }
        }
    }

    /// <summary>Razorvine's table of constructors, reachable from a subclass only.</summary>
    private sealed class KnownNames : Unpickler
    {
        public static void Register(string module, string name)
        {
            if (!objectConstructors.ContainsKey(module + "." + name))
                registerConstructor(module, name, new PyClass(module + "." + name));
        }
    }

    /// <summary>
    /// Walks the opcodes (pickletools' table, protocols 0-5) and returns the globals named by GLOBAL, INST and
    /// STACK_GLOBAL; null when the stream is cut off before STOP or holds an unknown opcode. STACK_GLOBAL takes its
    /// names from the stack: the two strings pushed (or fetched from the memo) just before it.
    /// </summary>
    internal static List<(string Module, string Name)>? Scan(byte[] data, out string? problem, out long? offset)
    {
        var globals = new List<(string, string)>();
        var memo = new Dictionary<long, string>();
        long memoCount = 0;
        string? last = null, beforeLast = null;
        var at = 0L;
        problem = null;
        offset = null;
        while (true)
        {
            if (at >= data.LongLength)
                return CutOff(data, out problem, out offset);
            var start = at;
            var op = data[at++];
            string? pushed = null;
            var keepsStrings = false;
            long length;
            switch (op)
            {
                case (byte)'.': // STOP
                    return globals;
                case (byte)'(' or (byte)'0' or (byte)'1' or (byte)'2' or (byte)'N' or (byte)'Q' or (byte)'R'
                    or (byte)'a' or (byte)'b' or (byte)'d' or (byte)'}' or (byte)'e' or (byte)'l' or (byte)']'
                    or (byte)'o' or (byte)'s' or (byte)'t' or (byte)')' or (byte)'u' or 0x81 or 0x85 or 0x86
                    or 0x87 or 0x88 or 0x89 or 0x8f or 0x90 or 0x91 or 0x92 or 0x97 or 0x98:
                    break;
                case 0x93: // STACK_GLOBAL
                    if (beforeLast is not null && last is not null)
                        globals.Add((beforeLast, last));
                    break;
                case 0x94: // MEMOIZE
                    if (last is not null)
                        memo[memoCount] = last;
                    memoCount++;
                    keepsStrings = true;
                    break;
                case (byte)'F' or (byte)'I' or (byte)'L' or (byte)'P' or (byte)'S' or (byte)'V':
                    if (!Line(data, ref at, out var text))
                        return CutOff(data, out problem, out offset);
                    if (op is (byte)'S' or (byte)'V')
                        pushed = text.Trim('\'', '"');
                    break;
                case (byte)'g' or (byte)'p': // GET, PUT with a decimal index
                    if (!Line(data, ref at, out var index))
                        return CutOff(data, out problem, out offset);
                    _ = long.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var key);
                    if (op == (byte)'g')
                        pushed = memo.GetValueOrDefault(key);
                    else if (last is not null)
                        memo[key] = last;
                    keepsStrings = op == (byte)'p';
                    break;
                case (byte)'c' or (byte)'i': // GLOBAL, INST: module and name lines
                    if (!Line(data, ref at, out var module) || !Line(data, ref at, out var name))
                        return CutOff(data, out problem, out offset);
                    globals.Add((module, name));
                    break;
                case (byte)'h' or (byte)'q': // BINGET, BINPUT
                case (byte)'j' or (byte)'r': // LONG_BINGET, LONG_BINPUT
                    var size = op is (byte)'h' or (byte)'q' ? 1 : 4;
                    if (at + size > data.LongLength)
                        return CutOff(data, out problem, out offset);
                    long slot = size == 1 ? data[at] : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)at, 4));
                    at += size;
                    if (op is (byte)'h' or (byte)'j')
                        pushed = memo.GetValueOrDefault(slot);
                    else if (last is not null)
                        memo[slot] = last;
                    keepsStrings = op is (byte)'q' or (byte)'r';
                    break;
                case (byte)'K' or 0x80 or 0x82: // BININT1, PROTO, EXT1
                    at += 1;
                    break;
                case (byte)'M' or 0x83: // BININT2, EXT2
                    at += 2;
                    break;
                case (byte)'J' or 0x84: // BININT, EXT4
                    at += 4;
                    break;
                case (byte)'G': // BINFLOAT
                    at += 8;
                    break;
                case 0x95: // FRAME: an 8-byte length, then the frame's opcodes (walked like the rest)
                    at += 8;
                    keepsStrings = true;
                    break;
                case 0x8a: // LONG1
                case (byte)'U' or (byte)'C' or 0x8c: // SHORT_BINSTRING, SHORT_BINBYTES, SHORT_BINUNICODE
                    if (at >= data.LongLength)
                        return CutOff(data, out problem, out offset);
                    length = data[at++];
                    if (!Skip(data, ref at, length))
                        return CutOff(data, out problem, out offset);
                    if (op is 0x8c or (byte)'U')
                        pushed = Encoding.UTF8.GetString(data, (int)(at - length), (int)length);
                    break;
                case 0x8b or (byte)'T' or (byte)'X' or (byte)'B': // LONG4, BINSTRING, BINUNICODE, BINBYTES
                    if (at + 4 > data.LongLength)
                        return CutOff(data, out problem, out offset);
                    length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)at, 4));
                    at += 4;
                    if (!Skip(data, ref at, length))
                        return CutOff(data, out problem, out offset);
                    if (op is (byte)'X' or (byte)'T')
                        pushed = Encoding.UTF8.GetString(data, (int)(at - length), (int)length);
                    break;
                case 0x8d or 0x8e or 0x96: // BINUNICODE8, BINBYTES8, BYTEARRAY8
                    if (at + 8 > data.LongLength)
                        return CutOff(data, out problem, out offset);
                    length = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan((int)at, 8));
                    at += 8;
                    if (length < 0 || !Skip(data, ref at, length))
                        return CutOff(data, out problem, out offset);
                    if (op == 0x8d)
                        pushed = Encoding.UTF8.GetString(data, (int)(at - length), (int)length);
                    break;
                default:
                    problem = $"byte 0x{op:x2} is not a pickle opcode: the file is not a pickle, or is damaged there";
                    offset = start;
                    return null;
            }
            if (at > data.LongLength)
                return CutOff(data, out problem, out offset);
            if (pushed is not null)
                (beforeLast, last) = (last, pushed);
            else if (!keepsStrings)
                (beforeLast, last) = (null, null);
        }
    }

    private static List<(string, string)>? CutOff(byte[] data, out string? problem, out long? offset)
    {
        problem = "the pickle ends before its STOP opcode: the file is cut off (the rollout may still be writing it, or was killed)";
        offset = data.LongLength;
        return null;
    }

    private static bool Skip(byte[] data, ref long at, long length)
    {
        if (length > data.LongLength - at)
            return false;
        at += length;
        return true;
    }

    private static bool Line(byte[] data, ref long at, out string text)
    {
        var end = Array.IndexOf(data, (byte)'\n', (int)at);
        if (end < 0)
        {
            text = "";
            return false;
        }
        text = Encoding.UTF8.GetString(data, (int)at, (int)(end - at));
        at = end + 1;
        return true;
    }
}
