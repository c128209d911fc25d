using System.Text;
using RunLens.Fields;
using RunLens.Formats.Json;
using RunLens.Loading;

namespace RunLens.Tests.Scanning;

/// <summary>
/// A record matched against the previous record's shape must read exactly as the Utf8JsonReader path reads it, and
/// every record that is not that shape with valid scalars in its value slots must go the long way.
/// </summary>
public class RecordShapeTests
{
    private const string Template = """{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""";

    [Theory]
    [InlineData("""{"step":2,"x":30,"p":{"y":4,"ok":false},"name":"bb","n":7,"r":-0.125}""")]   // every slot a new kind
    [InlineData("""{"step":3,"x":1e3,"p":{"y":-4.5E-2,"ok":null},"name":"","n":"s","r":0}""")]   // exponents, null for a value
    [InlineData("""{"step":3,"x":123456789012345678,"p":{"y":0.30000000000000004,"ok":true},"name":"a","n":null,"r":-0}""")]
    [InlineData("""{"step":4,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25,"extra":1}""")]   // another shape
    [InlineData("""{"step":4,"x":3,"p":{"y":-4},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":4,"x":3,"p":null,"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":4,"x":[1,2],"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":4,"x":{"a":1},"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step": 4,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":01,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]   // invalid values in the slots
    [InlineData("""{"step":1.,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":-,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":1e,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":tru,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":truex,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25}""")]
    [InlineData("""{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"a\"b","n":null,"r":0.25}""")]
    [InlineData("""{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"caf\u00e9","n":null,"r":0.25}""")]
    [InlineData("""{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.25""")]      // cut
    [InlineData("""{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":0.2""")]
    [InlineData("""{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":nul""")]
    [InlineData("""{"step":1,"x":3,"p":{"y":-4,"ok":true},"name":"a","n":null,"r":NaN}""")]
    public void A_record_after_the_template_reads_as_the_reader_reads_it(string json)
    {
        var fields = new FieldTable(FieldMap.Default);
        var shape = new RecordShape();
        var record = new RecordBuffer();
        Assert.Equal(ParseOutcome.Complete, Parse(Template, fields, record, shape, out _, out _));

        var outcome = Parse(json, fields, record, shape, out var consumed, out var error);

        var (readerFields, reader) = (new FieldTable(FieldMap.Default), new RecordBuffer());
        var expected = Parse(json, readerFields, reader, shape: null, out var readerConsumed, out var readerError, markers: true);
        Assert.Equal(expected, outcome);
        Assert.Equal(readerConsumed, consumed);
        Assert.Equal(readerError, error);
        if (outcome == ParseOutcome.Complete)
            Assert.Equal(Values(reader, readerFields), Values(record, fields));
    }

    [Fact]
    public void Records_of_one_shape_are_matched_and_a_new_shape_is_learnt()
    {
        var fields = new FieldTable(FieldMap.Default);
        var shape = new RecordShape();
        var record = new RecordBuffer();
        string[] records =
        [
            """{"step":1,"a":{"b":2}}""", """{"step":2,"a":{"b":3.5}}""", """{"step":3,"c":1}""", """{"step":4,"c":-2}""",
            """{}""", """{}""", """{"step":5,"a":{"b":{}}}""", """{"step":6,"a":{"b":{}}}""",
        ];
        var seen = new List<List<(string, double)>>();
        foreach (var json in records)
        {
            Assert.Equal(ParseOutcome.Complete, Parse(json, fields, record, shape, out var consumed, out _));
            Assert.Equal(json.Length, consumed);
            seen.Add(Values(record, fields));
        }

        Assert.Equal([("step", 2), ("a.b", 3.5)], seen[1]);
        Assert.Equal([("step", 4), ("c", -2)], seen[3]);
        Assert.Empty(seen[5]);
        Assert.Equal([("step", 6)], seen[7]);
    }

    // Chunks of 8, 9-16 and over 16 bytes (compared as one word, as two words, and as spans), each record followed by
    // enough bytes that the word compare is used, or not (the record alone, near the end of what was read).
    private const string LongNames = """{"reward":1,"episode_len":2,"a_much_longer_field_name":3,"ok":true}""";

    [Theory]
    [InlineData("""{"reward":5,"episode_len":6,"a_much_longer_field_name":7,"ok":false}""", true)]
    [InlineData("""{"reward":5,"episode_lem":6,"a_much_longer_field_name":7,"ok":false}""", false)]   // last byte of a two-word chunk
    [InlineData("""{"reward":5,"Episode_len":6,"a_much_longer_field_name":7,"ok":false}""", false)]  // first word of it
    [InlineData("""{"reward":5,"episode_len":6,"a_much_longer_field_namE":7,"ok":false}""", false)]  // end of a long chunk
    [InlineData("""{"rewarD":5,"episode_len":6,"a_much_longer_field_name":7,"ok":false}""", false)]  // one-word chunk
    [InlineData("""{"reward":5,"episode_len":6,"a_much_longer_field_name":7,"oK":false}""", false)]  // a chunk shorter than a word
    public void Names_that_differ_from_the_template_in_any_byte_of_a_chunk_are_not_matched(string json, bool sameShape)
    {
        foreach (var padding in new[] { "", new string(' ', 64) })
        {
            var fields = new FieldTable(FieldMap.Default);
            var shape = new RecordShape();
            var record = new RecordBuffer();
            Assert.Equal(ParseOutcome.Complete, Parse(LongNames, fields, record, shape, out _, out _));
            record.Begin(0, wantText: false);

            var matched = shape.TryMatch(Encoding.UTF8.GetBytes(json + padding), fields, record, out var consumed);

            Assert.Equal(sameShape, matched);
            if (matched)
            {
                Assert.Equal(json.Length, consumed);
                Assert.Equal([("reward", 5), ("episode_len", 6), ("a_much_longer_field_name", 7), ("ok", 0)], Values(record, fields));
            }
        }
    }

    [Fact]
    public void A_template_of_another_field_table_is_not_used()
    {
        var shape = new RecordShape();
        var record = new RecordBuffer();
        Parse("""{"step":1}""", new FieldTable(FieldMap.Default), record, shape, out _, out _);
        var other = new FieldTable(FieldMap.Default);
        record.Begin(0, wantText: false);

        Assert.False(shape.TryMatch(Encoding.UTF8.GetBytes("""{"step":2}""" + "\n"), other, record, out _));
    }

    private static ParseOutcome Parse(
        string json, FieldTable fields, RecordBuffer record, RecordShape? shape, out int consumed, out string? error, bool markers = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        record.Begin(0, wantText: false);
        var comments = false;
        return RecordParser.Parse(bytes, fields, record, markers, ref comments, out consumed, out error, shape);
    }

    private static List<(string, double)> Values(RecordBuffer record, FieldTable fields)
    {
        var list = new List<(string, double)>();
        for (var i = 0; i < record.Count; i++)
            list.Add((fields.Names[record.Fields[i]], record.Values[i]));
        return list;
    }
}
