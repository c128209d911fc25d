using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;
using static RunLens.Formats.TensorBoard.TensorBoardProto;

namespace RunLens.Formats.TensorBoard;

internal sealed partial class EventDecoder
{
    private const int MaxNumbers = 1 << 16;

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
