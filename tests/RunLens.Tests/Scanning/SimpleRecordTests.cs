using System.Text;
using RunLens.Fields;
using RunLens.Formats.Json;
using RunLens.Loading;

namespace RunLens.Tests.Scanning;

/// <summary>
/// The one-pass fast path for plain records must give exactly what the Utf8JsonReader path gives, and must hand
/// every record it does not fully understand (or that is invalid) back to that path.
/// </summary>
public class SimpleRecordTests
{
    [Theory]
    [InlineData("""{"step":1,"x":3,"y":-4,"map":40,"total":0.0123,"done":true,"ok":false,"none":null}""")]
    [InlineData("""{ "step" : 7 , "position" : { "x" : 1.5e3 , "y" : -0.0 } , "rewards":{"total":-1E-5,"a":{"b":{}}} }""")]
    [InlineData("{\"step\":2,\r\n\t\"name\":\"run a\",\"v\":0}")]
    [InlineData("""{"a":1,"a":2,"b":{"a":3}}""")]
    [InlineData("""{}""")]
    [InlineData("""{"step":0.30000000000000004,"r":-0.0034502189771681282,"l":1024.4179810534492,"t":4.9406564584124654e-324}""")]
    public void Plain_records_take_the_fast_path_with_the_readers_values(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");

        Assert.True(SimpleRecord.TryParse(bytes, new FieldTable(FieldMap.Default), new RecordBuffer(), out var consumed));
        Assert.Equal(json.Length, consumed);
        AssertSameAsReader(bytes);
    }

    [Theory]
    [InlineData("""{"step":1,"a":[1,2],"b":2}""")]              // arrays
    [InlineData("""{"step":1,"t\u00e9":2}""")]                  // escapes
    [InlineData("""{"step":1,"name":"caf\u00e9 ok"}""")]
    [InlineData("{\"step\":1,\"name\":\"café\"}")]              // non-ASCII text
    [InlineData("""{"step":1,/*c*/"b":2}""")]                   // comments
    [InlineData("""{"step":1,"b":2,}""")]                       // trailing comma
    [InlineData("""{"step":0.300000000000000044409}""")]        // beyond the exact fast number range (21 digits)
    [InlineData("""{"step":1e400}""")]                          // beyond a double
    [InlineData("""{"step":NaN}""")]
    [InlineData("""{"step":01}""")]                             // invalid JSON from here on
    [InlineData("""{"step":1.}""")]
    [InlineData("""{"step":-}""")]
    [InlineData("""{"step":1e}""")]
    [InlineData("""{"step":tru}""")]
    [InlineData("""{"step":truex}""")]
    [InlineData("""{"step" 1}""")]
    [InlineData("""{"step":1 "b":2}""")]
    [InlineData("""{"step":1}}""")]
    [InlineData("""{"step":""")]                                // cut: the reader asks for more
    [InlineData("""{"step":12""")]
    [InlineData("""{"a":{"b":1}""")]
    public void Anything_else_goes_back_to_the_reader_which_decides(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var declined = !SimpleRecord.TryParse(bytes, new FieldTable(FieldMap.Default), new RecordBuffer(), out var consumed);

        // "{"step":1}}" is a whole record followed by a stray byte, which is the record reader's business.
        Assert.True(declined || json == """{"step":1}}""");
        if (!declined)
            Assert.Equal(json.Length - 1, consumed);
        AssertSameAsReader(bytes);
    }

    /// <summary>markers: true skips the fast path; without escaped strings it reads the same as markers: false.</summary>
    private static void AssertSameAsReader(byte[] bytes)
    {
        var (fastFields, slowFields) = (new FieldTable(FieldMap.Default), new FieldTable(FieldMap.Default));
        var (fast, slow) = (new RecordBuffer(), new RecordBuffer());
        fast.Begin(0, wantText: false);
        slow.Begin(0, wantText: false);
        bool c1 = false, c2 = false;
        var a = RecordParser.Parse(bytes, fastFields, fast, markers: false, ref c1, out var consumedA, out var errorA);
        var b = RecordParser.Parse(bytes, slowFields, slow, markers: true, ref c2, out var consumedB, out var errorB);

        Assert.Equal(b, a);
        Assert.Equal(consumedB, consumedA);
        Assert.Equal(errorB, errorA);
        if (a != ParseOutcome.Complete)
            return;
        Assert.Equal(Values(slow, slowFields), Values(fast, fastFields));
    }

    private static List<(string, double)> Values(RecordBuffer record, FieldTable fields)
    {
        var list = new List<(string, double)>();
        for (var i = 0; i < record.Count; i++)
            list.Add((fields.Names[record.Fields[i]], record.Values[i]));
        return list;
    }
}
