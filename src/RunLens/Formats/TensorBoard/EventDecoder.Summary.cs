using System.Text;
using Google.Protobuf;
using static RunLens.Formats.TensorBoard.TensorBoardProto;

namespace RunLens.Formats.TensorBoard;

internal sealed partial class EventDecoder
{
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
}
