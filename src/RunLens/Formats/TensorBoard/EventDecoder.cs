using Google.Protobuf.Reflection;
using Google.Protobuf;
using static RunLens.Formats.TensorBoard.TensorBoardProto;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// Decodes <c>Event</c> protos at the wire level with Google.Protobuf's <see cref="CodedInputStream"/>: nested
/// messages are read by reused visitor objects (<see cref="CodedInputStream.ReadMessage"/>), and strings and bytes are
/// located in the record's buffer by position instead of copied, so a scalar event allocates only its stream.
/// Tag names become strings once per distinct tag (<see cref="TagTable"/>). Unknown fields are skipped.
/// </summary>
internal sealed partial class EventDecoder
{
    private readonly ValueVisitor _value;
    private readonly SummaryVisitor _summary;
    private readonly SessionLogVisitor _sessionLog = new();
    private byte[] _buffer = [];
    private DecodedValue[] _values = new DecodedValue[4];

    public EventDecoder(TagTable tags)
    {
        Tags = tags;
        _value = new ValueVisitor(this);
        _summary = new SummaryVisitor(this);
    }

    public TagTable Tags { get; }

    public double WallTime { get; private set; }

    public long Step { get; private set; }

    /// <summary>True when the event has a <c>summary</c> (even an empty one).</summary>
    public bool HasSummary { get; private set; }

    /// <summary>The <c>file_version</c> string, when the event is the one that opens a file.</summary>
    public string? FileVersion { get; private set; }

    /// <summary>The <c>session_log.status</c>, or -1 when the event has no session log.</summary>
    public int SessionStatus { get; private set; }

    /// <summary>The values of the event's summary.</summary>
    public ReadOnlySpan<DecodedValue> Values => _values.AsSpan(0, Count);

    public int Count { get; private set; }

    /// <summary>The buffer the last decode read (the hparams content spans point into it).</summary>
    public byte[] Buffer => _buffer;

    private bool WantText { get; set; }

    /// <summary>Decodes the event in <c>buffer[start..start+length]</c>.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid Event.</exception>
    public void Decode(byte[] buffer, int start, int length, bool wantText)
    {
        _buffer = buffer;
        WantText = wantText;
        // Nearly every event of a log is a step, a wall time and a few simple_value scalars: read those straight from
        // the bytes; anything else (or anything odd) is decoded again from scratch by the general path below.
        if (TryDecodeScalars(buffer.AsSpan(start, length)))
            return;
        WallTime = 0;
        Step = 0;
        HasSummary = false;
        FileVersion = null;
        SessionStatus = -1;
        Count = 0;
        var input = new CodedInputStream(buffer, start, length);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case Event.WallTime:
                    WallTime = input.ReadDouble();
                    break;
                case Event.Step:
                    Step = input.ReadInt64();
                    break;
                case Event.FileVersion:
                    FileVersion = input.ReadString();
                    break;
                case Event.Summary:
                    HasSummary = true;
                    input.ReadMessage(_summary);
                    break;
                case Event.SessionLog:
                    _sessionLog.Status = 0;
                    input.ReadMessage(_sessionLog);
                    SessionStatus = _sessionLog.Status;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    /// <summary>Skips a length-delimited field just read by tag and returns where its bytes are in the buffer.</summary>
    private (int Start, int Length) Delimited(CodedInputStream input)
    {
        var at = (int)input.Position;
        input.SkipLastField();
        var end = (int)input.Position;
        var prefix = 0;
        while ((_buffer[at + prefix++] & 0x80) != 0)
        {
        }
        return (at + prefix, end - at - prefix);
    }

    private ref DecodedValue NextSlot()
    {
        if (Count == _values.Length)
            Array.Resize(ref _values, Count * 2);
        return ref _values[Count++];
    }

    /// <summary>The visitors implement <see cref="IMessage"/> only to be handed to <see cref="CodedInputStream.ReadMessage"/>.</summary>
    private abstract class Visitor : IMessage
    {
        public abstract void MergeFrom(CodedInputStream input);

        public void WriteTo(CodedOutputStream output) => throw new NotSupportedException("A decoding visitor cannot be written.");

        public int CalculateSize() => throw new NotSupportedException("A decoding visitor cannot be written.");

        public MessageDescriptor Descriptor => throw new NotSupportedException("A decoding visitor has no descriptor.");
    }

    private sealed class SessionLogVisitor : Visitor
    {
        public int Status;

        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (tag == TensorBoardProto.SessionLog.Status)
                    Status = input.ReadEnum();
                else
                    input.SkipLastField();
            }
        }
    }
}
