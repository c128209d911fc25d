using System.Text.Json;

namespace RunLens.PlotlyNetTests;

/// <summary>Structural JSON equality: same keys and values, numbers equal as doubles (1 and 1.0 are the same number).</summary>
internal static class JsonAssert
{
    public static void Equal(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind || (IsNumber(expected) && IsNumber(actual)),
            $"{path}: expected {expected.ValueKind} {Cut(expected)}, got {actual.ValueKind} {Cut(actual)}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(Keys(expected).SequenceEqual(Keys(actual)), $"{path}: keys {string.Join(",", Keys(expected))} vs {string.Join(",", Keys(actual))}");
                foreach (var property in expected.EnumerateObject())
                    Equal(property.Value, actual.GetProperty(property.Name), path + "." + property.Name);
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {expected.GetArrayLength()} items vs {actual.GetArrayLength()}");
                for (var i = 0; i < expected.GetArrayLength(); i++)
                    Equal(expected[i], actual[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: {expected.GetRawText()} vs {actual.GetRawText()}");
                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: '{expected.GetString()}' vs '{actual.GetString()}'");
                break;
        }
    }

    private static bool IsNumber(JsonElement e) => e.ValueKind == JsonValueKind.Number;

    private static IEnumerable<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static string Cut(JsonElement e) => e.GetRawText() is var t && t.Length > 80 ? t[..80] + "…" : e.GetRawText();
}
