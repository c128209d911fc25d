using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RunLens.Formats.TensorBoard;

internal sealed partial class EventDecoder
{
    // The wire tags of the fast path as single bytes (field numbers below 16).
    private const byte WallTimeTag = (byte)TensorBoardProto.Event.WallTime;
    private const byte StepTag = (byte)TensorBoardProto.Event.Step;
    private const byte SummaryTag = (byte)TensorBoardProto.Event.Summary;
    private const byte ValueTag = (byte)TensorBoardProto.Summary.Value;
    private const byte TagTag = (byte)TensorBoardProto.Value.Tag;
    private const byte SimpleValueTag = (byte)TensorBoardProto.Value.SimpleValue;

    /// <summary>
    /// Decodes an event made only of <c>wall_time</c>, <c>step</c> and a <c>summary</c> whose values each hold a
    /// non-empty <c>tag</c> and a <c>simple_value</c> (what SB3, PyTorch's <c>add_scalar</c> and tensorboardX write for
    /// scalars), with the same result as the general path: repeated fields merge as protobuf merges them (the last
    /// scalar wins, values append). False, having decided nothing, for any other field, an hparams tag, or bytes that do
    /// not parse: the general path then decodes the event (and reports it if it is invalid).
    /// </summary>
    private bool TryDecodeScalars(ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        var hasSummary = false;
        var count = 0;
        var p = 0;
        while (p < data.Length)
        {
            switch (data[p++])
            {
                case WallTimeTag:
                    if (data.Length - p < 8)
                        return false;
                    wallTime = BinaryPrimitives.ReadDoubleLittleEndian(data[p..]);
                    p += 8;
                    break;
                case StepTag:
                    if (!TryVarint(data, ref p, out var raw))
                        return false;
                    step = (long)raw;
                    break;
                case SummaryTag:
                    if (!TryDelimited(data, ref p, out var summary) || !TryValues(summary, ref count))
                        return false;
                    hasSummary = true;
                    break;
                default:
                    return false;
            }
        }
        (WallTime, Step, HasSummary, FileVersion, SessionStatus, Count) = (wallTime, step, hasSummary, null, -1, count);
        return true;
    }

    /// <summary>Appends the summary's values at <paramref name="count"/>; false unless each is a plain tagged scalar.</summary>
    private bool TryValues(ReadOnlySpan<byte> summary, ref int count)
    {
        var p = 0;
        while (p < summary.Length)
        {
            if (summary[p++] != ValueTag || !TryDelimited(summary, ref p, out var value))
                return false;
            scoped ReadOnlySpan<byte> tag = default;
            var simple = float.NaN;
            var hasSimple = false;
            var q = 0;
            while (q < value.Length)
            {
                switch (value[q++])
                {
                    case TagTag:
                        if (!TryDelimited(value, ref q, out tag))
                            return false;
                        break;
                    case SimpleValueTag:
                        if (value.Length - q < 4)
                            return false;
                        simple = BinaryPrimitives.ReadSingleLittleEndian(value[q..]);
                        hasSimple = true;
                        q += 4;
                        break;
                    default:
                        return false;
                }
            }
            if (tag.IsEmpty || !hasSimple)
                return false;
            var info = Tags.Get(tag);
            // A tag the hparams plugin claimed is not data, whatever the value holds.
            if (info.Plugin == "hparams")
                return false;
            if (count == _values.Length)
                Array.Resize(ref _values, count * 2);
            ref var slot = ref _values[count++];
            slot.Tag = info;
            slot.Kind = ValueKind.Scalar;
            slot.Number = simple;
            slot.Text = null;
            slot.ContentStart = slot.ContentLength = 0;
        }
        return true;
    }

    private static bool TryDelimited(ReadOnlySpan<byte> data, ref int p, out ReadOnlySpan<byte> field)
    {
        field = default;
        if (!TryVarint(data, ref p, out var length) || length > (ulong)(data.Length - p))
            return false;
        field = data.Slice(p, (int)length);
        p += (int)length;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryVarint(ReadOnlySpan<byte> data, ref int p, out ulong value)
    {
        // Lengths and small steps fit one byte.
        if (p < data.Length && data[p] < 0x80)
        {
            value = data[p++];
            return true;
        }
        return TryLongVarint(data, ref p, out value);
    }

    private static bool TryLongVarint(ReadOnlySpan<byte> data, ref int p, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && p < data.Length; shift += 7)
        {
            var b = data[p++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }
}
