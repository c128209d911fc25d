using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using static RunLens.Loading.TensorBoard.TensorBoardProto;

namespace RunLens.Loading.TensorBoard;

/// <summary>What one <c>Summary.Value</c> holds, as far as RunLens reads it.</summary>
internal enum ValueKind : byte
{
    /// <summary>No value (a metadata-only value of an unknown plugin).</summary>
    None,

    /// <summary>A number: <c>simple_value</c>, or a one-element numeric tensor.</summary>
    Scalar,

    /// <summary>A <c>HistogramProto</c>, or a <c>[k, 3]</c> tensor of the <c>histograms</c> plugin.</summary>
    Histogram,

    /// <summary>A string tensor of the <c>text</c> plugin.</summary>
    Text,

    /// <summary>An image (<c>Summary.Image</c> or the <c>images</c> plugin): not loaded.</summary>
    Image,

    /// <summary>Audio (<c>Summary.Audio</c> or the <c>audio</c> plugin): not loaded.</summary>
    Audio,

    /// <summary>An hparams-plugin summary: read at discovery, not a data value.</summary>
    HParams,

    /// <summary>Anything else (other plugins, non-scalar tensors, old-style histograms): not loaded.</summary>
    Other,
}

/// <summary>One decoded <c>Summary.Value</c>. Reused across events: read it before the next decode.</summary>
internal struct DecodedValue
{
    public TagInfo Tag;
    public ValueKind Kind;
    public double Number;
    public HistogramStats Histogram;
    public string? Text;

    /// <summary>The plugin content of this value's own metadata (hparams), as a span of the decoder's buffer.</summary>
    public int ContentStart, ContentLength;
}

/// <summary>
/// The five numbers a histogram is summarised by. From a <c>HistogramProto</c> they are exact: count = <c>num</c>,
/// mean = <c>sum / num</c>, min and max as stored, std = sqrt(max(0, <c>sum_squares / num</c> - mean²)) (population
/// standard deviation). From the <c>histograms</c> plugin's <c>[k, 3]</c> tensor of (left edge, right edge, count)
/// buckets they are estimates: count = the sum of bucket counts, mean and std weight each bucket's midpoint by its
/// count, min = the left edge of the first non-empty bucket, max = the right edge of the last non-empty bucket.
/// </summary>
internal readonly record struct HistogramStats(double Count, double Mean, double Min, double Max, double Std);

/// <summary>
/// Decodes <c>Event</c> protos at the wire level with Google.Protobuf's <see cref="CodedInputStream"/>: nested
/// messages are read by reused visitor objects (<see cref="CodedInputStream.ReadMessage"/>), and strings and bytes are
/// located in the record's buffer by position instead of copied, so a scalar event allocates only its stream.
/// Tag names become strings once per distinct tag (<see cref="TagTable"/>). Unknown fields are skipped.
/// </summary>
internal sealed class EventDecoder
{
    private const int MaxNumbers = 1 << 16;

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

    private sealed class SummaryVisitor(EventDecoder owner) : Visitor
    {
        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (tag == Summary.Value)
                {
                    owner._value.Reset();
                    input.ReadMessage(owner._value);
                    owner._value.Finish();
                }
                else
                {
                    input.SkipLastField();
                }
            }
        }
    }

    private enum Payload : byte { None, Simple, Histo, Tensor, Image, Audio, OldHistogram }

    private sealed class ValueVisitor : Visitor
    {
        private readonly EventDecoder _owner;
        private readonly MetadataVisitor _metadata;
        private readonly HistogramVisitor _histogram = new();
        private readonly TensorVisitor _tensor;
        private (int Start, int Length) _tag, _nodeName;
        private Payload _payload;
        private float _simple;

        public ValueVisitor(EventDecoder owner)
        {
            _owner = owner;
            _metadata = new MetadataVisitor(owner);
            _tensor = new TensorVisitor(owner);
        }

        public void Reset()
        {
            _tag = _nodeName = (0, 0);
            _payload = Payload.None;
            _metadata.Reset();
        }

        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case Value.Tag:
                        _tag = _owner.Delimited(input);
                        break;
                    case Value.NodeName:
                        _nodeName = _owner.Delimited(input);
                        break;
                    case Value.SimpleValue:
                        _payload = Payload.Simple;
                        _simple = input.ReadFloat();
                        break;
                    case Value.Histo:
                        _payload = Payload.Histo;
                        _histogram.Reset();
                        input.ReadMessage(_histogram);
                        break;
                    case Value.Tensor:
                        _payload = Payload.Tensor;
                        _tensor.Reset();
                        input.ReadMessage(_tensor);
                        break;
                    case Value.Metadata:
                        input.ReadMessage(_metadata);
                        break;
                    default:
                        _payload = FieldOf(tag) switch
                        {
                            Value.Image => Payload.Image,
                            Value.Audio => Payload.Audio,
                            Value.OldStyleHistogram => Payload.OldHistogram,
                            _ => _payload,
                        };
                        input.SkipLastField();
                        break;
                }
            }
        }

        /// <summary>Classifies the value once all its fields (metadata may come last) are read.</summary>
        public void Finish()
        {
            // TensorBoard names a value without a tag by its (deprecated) node name.
            var name = _tag.Length > 0 || _nodeName.Length == 0 ? _tag : _nodeName;
            var info = _owner.Tags.Get(_owner._buffer.AsSpan(name.Start, name.Length));
            var plugin = _owner._buffer.AsSpan(_metadata.Plugin.Start, _metadata.Plugin.Length);
            if (_metadata.Present && !info.MetadataSeen)
            {
                info.MetadataSeen = true;
                info.Plugin = plugin.Length > 0 ? Encoding.UTF8.GetString(plugin) : null;
            }
            ref var value = ref _owner.NextSlot();
            value.Tag = info;
            value.Text = null;
            value.ContentStart = _metadata.Content.Start;
            value.ContentLength = _metadata.Content.Length;
            var known = info.Plugin;
            // The hparams plugin is recognised by this value's own metadata too: each of its summaries carries it.
            if (known == "hparams" || plugin.SequenceEqual("hparams"u8))
            {
                value.Kind = ValueKind.HParams;
                return;
            }
            switch (_payload)
            {
                case Payload.Simple:
                    value.Kind = ValueKind.Scalar;
                    value.Number = _simple;
                    break;
                case Payload.Histo:
                    value.Kind = ValueKind.Histogram;
                    value.Histogram = _histogram.Stats();
                    break;
                case Payload.Image:
                    value.Kind = ValueKind.Image;
                    break;
                case Payload.Audio:
                    value.Kind = ValueKind.Audio;
                    break;
                case Payload.OldHistogram:
                    value.Kind = ValueKind.Other;
                    break;
                case Payload.Tensor:
                    value.Kind = _tensor.Classify(known, ref value);
                    break;
                default:
                    value.Kind = ValueKind.None;
                    break;
            }
        }
    }

    private sealed class MetadataVisitor(EventDecoder owner) : Visitor
    {
        private readonly PluginDataVisitor _plugin = new(owner);

        public bool Present { get; private set; }

        public (int Start, int Length) Plugin => _plugin.Name;

        public (int Start, int Length) Content => _plugin.Content;

        public void Reset()
        {
            Present = false;
            _plugin.Name = _plugin.Content = (0, 0);
        }

        public override void MergeFrom(CodedInputStream input)
        {
            Present = true;
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (tag == Metadata.PluginData)
                    input.ReadMessage(_plugin);
                else
                    input.SkipLastField();
            }
        }
    }

    private sealed class PluginDataVisitor(EventDecoder owner) : Visitor
    {
        public (int Start, int Length) Name, Content;

        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case Metadata.PluginName:
                        Name = owner.Delimited(input);
                        break;
                    case Metadata.Content:
                        Content = owner.Delimited(input);
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
    }

    private sealed class HistogramVisitor : Visitor
    {
        private double _min, _max, _num, _sum, _sumSquares;

        public void Reset() => _min = _max = _num = _sum = _sumSquares = 0;

        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case Histogram.Min: _min = input.ReadDouble(); break;
                    case Histogram.Max: _max = input.ReadDouble(); break;
                    case Histogram.Num: _num = input.ReadDouble(); break;
                    case Histogram.Sum: _sum = input.ReadDouble(); break;
                    case Histogram.SumSquares: _sumSquares = input.ReadDouble(); break;
                    default: input.SkipLastField(); break;
                }
            }
        }

        public HistogramStats Stats()
        {
            if (_num <= 0)
                return new HistogramStats(0, double.NaN, double.NaN, double.NaN, double.NaN);
            var mean = _sum / _num;
            return new HistogramStats(_num, mean, _min, _max, Math.Sqrt(Math.Max(0, (_sumSquares / _num) - (mean * mean))));
        }
    }

    private sealed class ShapeVisitor : Visitor
    {
        private readonly DimVisitor _dim = new();

        public int Rank;
        public long Elements;
        public long Dim0, Dim1;

        public void Reset()
        {
            Rank = 0;
            Elements = 1;
            Dim0 = Dim1 = -1;
        }

        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (tag != Shape.Dim)
                {
                    input.SkipLastField();
                    continue;
                }
                _dim.Size = 0;
                input.ReadMessage(_dim);
                if (Rank == 0)
                    Dim0 = _dim.Size;
                else if (Rank == 1)
                    Dim1 = _dim.Size;
                Rank++;
                Elements = _dim.Size < 0 || Elements < 0 ? -1 : Elements * _dim.Size;
            }
        }

        private sealed class DimVisitor : Visitor
        {
            public long Size;

            public override void MergeFrom(CodedInputStream input)
            {
                uint tag;
                while ((tag = input.ReadTag()) != 0)
                {
                    if (tag == Shape.DimSize)
                        Size = input.ReadInt64();
                    else
                        input.SkipLastField();
                }
            }
        }
    }

    /// <summary>
    /// A <c>TensorProto</c>: its dtype and shape, and its numbers (from <c>tensor_content</c> or the typed repeated
    /// fields, packed or not) or strings. Numbers are converted once the whole message is read, as the dtype that
    /// says how to read <c>tensor_content</c> may come after it.
    /// </summary>
    private sealed class TensorVisitor(EventDecoder owner) : Visitor
    {
        private readonly ShapeVisitor _shape = new();
        private readonly List<(int Start, int Length)> _strings = [];
        private double[] _numbers = new double[16];
        private int _count;
        private bool _halfBits;
        private int _dtype;
        private (int Start, int Length) _content;

        public void Reset()
        {
            _dtype = 0;
            _shape.Reset();
            _strings.Clear();
            _count = 0;
            _halfBits = false;
            _content = (0, -1);
        }

        public override void MergeFrom(CodedInputStream input)
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case Tensor.Dtype:
                        _dtype = input.ReadEnum();
                        continue;
                    case Tensor.Shape:
                        input.ReadMessage(_shape);
                        continue;
                    case Tensor.Content:
                        _content = owner.Delimited(input);
                        continue;
                    case Tensor.StringVal:
                        _strings.Add(owner.Delimited(input));
                        continue;
                }
                var field = FieldOf(tag);
                var wire = WireTypeOf(tag);
                switch (field)
                {
                    case Tensor.FloatVal when wire == 5:
                        Push(input.ReadFloat());
                        break;
                    case Tensor.DoubleVal when wire == 1:
                        Push(input.ReadDouble());
                        break;
                    case Tensor.FloatVal or Tensor.DoubleVal when wire == 2:
                        var fixedSpan = owner.Delimited(input);
                        PushFixed(owner._buffer.AsSpan(fixedSpan.Start, fixedSpan.Length), field == Tensor.FloatVal ? 4 : 8);
                        break;
                    case Tensor.IntVal or Tensor.Int64Val or Tensor.BoolVal or Tensor.HalfVal or Tensor.Uint32Val or Tensor.Uint64Val:
                        _halfBits |= field == Tensor.HalfVal;
                        if (wire == 0)
                        {
                            Push(Varint(field, input.ReadUInt64()));
                        }
                        else if (wire == 2)
                        {
                            var varints = owner.Delimited(input);
                            PushVarints(owner._buffer.AsSpan(varints.Start, varints.Length), field);
                        }
                        else
                        {
                            input.SkipLastField();
                        }
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }

        /// <summary>What the tensor is, given the tag's plugin; fills the value's number, histogram or text.</summary>
        public ValueKind Classify(string? plugin, ref DecodedValue value)
        {
            switch (plugin)
            {
                case "images":
                    return ValueKind.Image;
                case "audio":
                    return ValueKind.Audio;
                case "text":
                    return _dtype == DataType.String ? Text(ref value) : ValueKind.Other;
                case "histograms":
                    return IsNumeric() && _shape.Rank == 2 && _shape.Dim1 == 3 && Numbers() == _shape.Dim0 * 3
                        ? BucketHistogram(ref value)
                        : ValueKind.Other;
            }
            if (_dtype == DataType.String)
                return plugin is null or "" && _shape.Elements == 1 ? Text(ref value) : ValueKind.Other;
            if (!IsNumeric() || _shape.Elements != 1 || Numbers() < 1)
                return ValueKind.Other;
            value.Number = _numbers[0];
            return ValueKind.Scalar;
        }

        private bool IsNumeric() => _dtype is DataType.Float or DataType.Double or DataType.Int32 or DataType.Uint8
            or DataType.Int16 or DataType.Int8 or DataType.Int64 or DataType.Bool or DataType.Bfloat16
            or DataType.Uint16 or DataType.Half or DataType.Uint32 or DataType.Uint64;

        /// <summary>The numbers, converting <c>tensor_content</c> or half-precision bits now that the dtype is known.</summary>
        private int Numbers()
        {
            if (_content.Length >= 0)
            {
                _count = 0;
                PushContent(owner._buffer.AsSpan(_content.Start, _content.Length));
                _content = (0, -1);
            }
            else if (_halfBits)
            {
                for (var i = 0; i < _count; i++)
                    _numbers[i] = FromHalfBits((ushort)(long)_numbers[i]);
                _halfBits = false;
            }
            return _count;
        }

        private ValueKind Text(ref DecodedValue value)
        {
            if (owner.WantText)
            {
                var buffer = owner._buffer;
                value.Text = _strings.Count switch
                {
                    0 => "",
                    1 => Encoding.UTF8.GetString(buffer, _strings[0].Start, _strings[0].Length),
                    _ => string.Join('\n', _strings.Select(s => Encoding.UTF8.GetString(buffer, s.Start, s.Length))),
                };
            }
            return ValueKind.Text;
        }

        private ValueKind BucketHistogram(ref DecodedValue value)
        {
            double count = 0, sum = 0, min = double.NaN, max = double.NaN;
            for (var i = 0; i + 2 < _count; i += 3)
            {
                var (left, right, n) = (_numbers[i], _numbers[i + 1], _numbers[i + 2]);
                if (n <= 0)
                    continue;
                if (double.IsNaN(min))
                    min = left;
                max = right;
                count += n;
                sum += n * ((left + right) / 2);
            }
            if (count <= 0)
            {
                value.Histogram = new HistogramStats(0, double.NaN, double.NaN, double.NaN, double.NaN);
                return ValueKind.Histogram;
            }
            var mean = sum / count;
            double squares = 0;
            for (var i = 0; i + 2 < _count; i += 3)
            {
                var d = ((_numbers[i] + _numbers[i + 1]) / 2) - mean;
                if (_numbers[i + 2] > 0)
                    squares += _numbers[i + 2] * d * d;
            }
            value.Histogram = new HistogramStats(count, mean, min, max, Math.Sqrt(squares / count));
            return ValueKind.Histogram;
        }

        private void Push(double number)
        {
            if (_count >= MaxNumbers)
                return;
            if (_count == _numbers.Length)
                Array.Resize(ref _numbers, _count * 2);
            _numbers[_count++] = number;
        }

        private void PushFixed(ReadOnlySpan<byte> bytes, int size)
        {
            for (var at = 0; at + size <= bytes.Length && _count < MaxNumbers; at += size)
                Push(size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes[at..]) : BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]));
        }

        private void PushVarints(ReadOnlySpan<byte> bytes, int field)
        {
            var at = 0;
            while (at < bytes.Length && _count < MaxNumbers)
            {
                ulong raw = 0;
                for (var shift = 0; at < bytes.Length && shift < 64; shift += 7)
                {
                    var b = bytes[at++];
                    raw |= (ulong)(b & 0x7F) << shift;
                    if (b < 0x80)
                        break;
                }
                Push(Varint(field, raw));
            }
        }

        private static double Varint(int field, ulong raw) => field switch
        {
            Tensor.Uint32Val => (uint)raw,
            Tensor.Uint64Val => raw,
            Tensor.BoolVal => raw != 0 ? 1 : 0,
            Tensor.IntVal or Tensor.HalfVal => (int)raw,
            _ => (long)raw,
        };

        /// <summary><c>tensor_content</c>: the elements' bytes, little-endian, laid out by dtype.</summary>
        private void PushContent(ReadOnlySpan<byte> bytes)
        {
            var size = _dtype switch
            {
                DataType.Float or DataType.Int32 or DataType.Uint32 => 4,
                DataType.Double or DataType.Int64 or DataType.Uint64 => 8,
                DataType.Int16 or DataType.Uint16 or DataType.Half or DataType.Bfloat16 => 2,
                _ => 1,
            };
            for (var at = 0; at + size <= bytes.Length && _count < MaxNumbers; at += size)
            {
                var e = bytes[at..];
                Push(_dtype switch
                {
                    DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(e),
                    DataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(e),
                    DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(e),
                    DataType.Uint32 => BinaryPrimitives.ReadUInt32LittleEndian(e),
                    DataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(e),
                    DataType.Uint64 => BinaryPrimitives.ReadUInt64LittleEndian(e),
                    DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(e),
                    DataType.Uint16 => BinaryPrimitives.ReadUInt16LittleEndian(e),
                    DataType.Half or DataType.Bfloat16 => FromHalfBits(BinaryPrimitives.ReadUInt16LittleEndian(e)),
                    DataType.Int8 => (sbyte)e[0],
                    DataType.Bool => e[0] != 0 ? 1 : 0,
                    _ => e[0],
                });
            }
        }

        // DT_HALF is IEEE binary16; DT_BFLOAT16 is the top 16 bits of a float32.
        private double FromHalfBits(ushort bits) => _dtype == DataType.Bfloat16
            ? BitConverter.Int32BitsToSingle(bits << 16)
            : (double)BitConverter.UInt16BitsToHalf(bits);
    }
}
