using RunLens.Formats.TensorBoard;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// The decoder reads plain scalar events straight from the bytes and everything else through Google.Protobuf; both must
/// give the same event. An unknown field (number 15, which the fast path never accepts and the general path skips)
/// sends the same event down the general path for comparison.
/// </summary>
public class EventDecoderScalarTests
{
    private static readonly byte[] Unknown = Pb.Varint(15, 7);

    private static (double WallTime, long Step, bool HasSummary, string? FileVersion, int Session, (string Tag, ValueKind Kind, double Number)[] Values) Decode(byte[] bytes)
    {
        var decoder = new EventDecoder(new TagTable());
        decoder.Decode(bytes, 0, bytes.Length, wantText: false);
        var values = new List<(string, ValueKind, double)>();
        foreach (ref readonly var value in decoder.Values)
            values.Add((value.Tag.Name, value.Kind, value.Kind == ValueKind.Scalar ? value.Number : 0));
        return (decoder.WallTime, decoder.Step, decoder.HasSummary, decoder.FileVersion, decoder.SessionStatus, [.. values]);
    }

    private static byte[] Summary(params byte[][] values) => Pb.Bytes(5, Pb.Message([.. values.Select(v => Pb.Bytes(1, v))]));

    public static TheoryData<string, byte[]> Events() => new()
    {
        { "one scalar", Pb.Message(Pb.Double(1, 1700000000.25), Pb.Varint(2, 2048), Summary(EventFileBuilder.SimpleValue("train/loss", 0.5f))) },
        { "three scalars, step first", Pb.Message(Pb.Varint(2, 7), Pb.Double(1, 3), Summary(EventFileBuilder.SimpleValue("a", 1), EventFileBuilder.SimpleValue("b", -2.5f), EventFileBuilder.SimpleValue("a", float.NaN))) },
        { "the largest step", Pb.Message(Pb.Varint(2, long.MaxValue), Summary(EventFileBuilder.SimpleValue("x", 1))) },
        { "negative step", Pb.Message(Pb.Varint(2, -5), Summary(EventFileBuilder.SimpleValue("x", 1))) },
        { "two summaries merge", Pb.Message(Pb.Varint(2, 1), Summary(EventFileBuilder.SimpleValue("a", 1)), Summary(EventFileBuilder.SimpleValue("b", 2))) },
        { "repeated step and simple_value: the last wins", Pb.Message(Pb.Varint(2, 1), Pb.Varint(2, 9), Summary(Pb.Message(Pb.String(1, "a"), Pb.Float(2, 1), Pb.Float(2, 3)))) },
        { "tag after the value", Pb.Message(Pb.Varint(2, 1), Summary(Pb.Message(Pb.Float(2, 4), Pb.String(1, "late")))) },
        { "an empty summary", Pb.Message(Pb.Varint(2, 3), Pb.Bytes(5, [])) },
        { "no fields", [] },
        { "a tensor scalar with plugin metadata", Pb.Message(Pb.Varint(2, 1), Summary(EventFileBuilder.TensorValue("t", EventFileBuilder.Tensor(1, [], Pb.PackedFloats(5, 2.5f)), plugin: "scalars"))) },
        { "a node name instead of a tag", Pb.Message(Pb.Varint(2, 1), Summary(Pb.Message(Pb.String(7, "node"), Pb.Float(2, 1)))) },
        { "a session start", Pb.Message(Pb.Double(1, 5), Pb.Varint(2, 100), Pb.Bytes(7, Pb.Varint(1, 1))) },
        { "the file version", Pb.Message(Pb.Double(1, 5), Pb.String(3, "brain.Event:2")) },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Scalar_events_decode_the_same_by_either_path(string what, byte[] bytes)
    {
        var general = Decode([.. bytes, .. Unknown]);

        var decoded = Decode(bytes);

        Assert.True((general.WallTime, general.Step, general.HasSummary, general.FileVersion, general.Session)
            .Equals((decoded.WallTime, decoded.Step, decoded.HasSummary, decoded.FileVersion, decoded.Session)), what);
        Assert.Equal(general.Values, decoded.Values);
    }

    [Fact]
    public void A_value_of_a_tag_the_hparams_plugin_claimed_stays_hparams_on_the_fast_path()
    {
        var decoder = new EventDecoder(new TagTable());
        var claim = Pb.Message(Pb.Varint(2, 0), Summary(EventFileBuilder.TensorValue("_hparams_/session_start_info", EventFileBuilder.Tensor(7, []), plugin: "hparams")));
        var scalar = Pb.Message(Pb.Varint(2, 1), Summary(EventFileBuilder.SimpleValue("_hparams_/session_start_info", 1)));

        decoder.Decode(claim, 0, claim.Length, wantText: false);
        decoder.Decode(scalar, 0, scalar.Length, wantText: false);

        Assert.Equal(ValueKind.HParams, Assert.Single(decoder.Values.ToArray()).Kind);
    }

    [Fact]
    public void A_truncated_scalar_event_is_invalid_as_before()
    {
        var bytes = Pb.Message(Pb.Varint(2, 1), Summary(EventFileBuilder.SimpleValue("loss", 1)));
        var decoder = new EventDecoder(new TagTable());

        Assert.ThrowsAny<Google.Protobuf.InvalidProtocolBufferException>(() => decoder.Decode(bytes, 0, bytes.Length - 2, wantText: false));
    }
}
