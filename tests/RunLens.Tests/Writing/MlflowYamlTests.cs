namespace RunLens.Tests.Writing;

public class MlflowYamlTests
{
    // Expected values are what PyYAML 6.0.3 safe_dump(allow_unicode=True) writes, as MLflow's write_yaml does.
    [Theory]
    [InlineData("mlflow_recorder", "mlflow_recorder")]
    [InlineData("", "''")]
    [InlineData("0", "'0'")]
    [InlineData("127694301877723077", "'127694301877723077'")]
    [InlineData("0.5", "'0.5'")]
    [InlineData("1e5", "1e5")]
    [InlineData("0x1F", "'0x1F'")]
    [InlineData("yes", "'yes'")]
    [InlineData("y", "y")]
    [InlineData("null", "'null'")]
    [InlineData("2024-01-01", "'2024-01-01'")]
    [InlineData("ppo seed: 0", "'ppo seed: 0'")]
    [InlineData("it's", "it's")]
    [InlineData("@at", "'@at'")]
    [InlineData("-abc", "-abc")]
    [InlineData("- x", "'- x'")]
    [InlineData("trail ", "'trail '")]
    [InlineData("π-run", "π-run")]
    [InlineData(@"file:C:\Users\lb\stock-quant\mlruns/0", @"file:C:\Users\lb\stock-quant\mlruns/0")]
    [InlineData("file:///tmp/a b", "file:///tmp/a b")]
    public void Strings_are_quoted_exactly_when_pyyaml_quotes_them(string value, string expected)
    {
        Assert.Equal(expected, MlflowYaml.Scalar(value));
    }

    [Fact]
    public void Lines_are_key_colon_value_with_unix_newlines()
    {
        var yaml = new MlflowYaml().String("experiment_id", "0").Integer("end_time", null).Integer("status", 3).Raw("tags", "[]").ToString();
        Assert.Equal("experiment_id: '0'\nend_time: null\nstatus: 3\ntags: []\n", yaml);
    }
}
