using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

public class ConfigValueTests
{
    [Fact]
    public void A_json_config_keeps_null_as_null_and_lists_as_lists()
    {
        using var dir = new TempDir();
        dir.Write("run/config.json", """{"net_arch": [64, 64], "schedule": null, "envs": ["a", null, [1, true]], "lr": 0.001}""");
        dir.Write("run/log.jsonl", "{\"step\":0,\"loss\":1}\n");

        var config = Runs.Load(dir.Path).Single().Info.Config;

        Assert.Equal(ConfigValue.List(ConfigValue.Of(64), ConfigValue.Of(64)), config["net_arch"]);
        Assert.Equal("[64, 64]", config["net_arch"].ToString());
        Assert.Null(config["net_arch"].Text);
        Assert.True(config["schedule"].IsNull);
        Assert.Null(config["schedule"].Text);
        Assert.Equal("null", config["schedule"].ToString());
        Assert.Equal("[\"a\", null, [1, true]]", config["envs"].ToString());
        Assert.True(config["envs"].Items![1].IsNull);
        Assert.Equal(0.001, config["lr"].Number);
    }

    [Fact]
    public void A_yaml_config_keeps_null_as_null_and_lists_as_lists()
    {
        using var dir = new TempDir();
        dir.Write("run/config.yaml", "net_arch: [64, 64]\nschedule: null\nclip: ~\nempty:\nlayers:\n  - 32\n  - relu\nname: 'null'\n");
        dir.Write("run/log.jsonl", "{\"step\":0,\"loss\":1}\n");

        var config = Runs.Load(dir.Path).Single().Info.Config;

        Assert.Equal(ConfigValue.List(ConfigValue.Of(64), ConfigValue.Of(64)), config["net_arch"]);
        Assert.True(config["schedule"].IsNull);
        Assert.True(config["clip"].IsNull);
        Assert.True(config["empty"].IsNull);
        Assert.Equal("[32, \"relu\"]", config["layers"].ToString());
        Assert.Equal("null", config["name"].Text);
        Assert.False(config["name"].IsNull);
    }

    [Fact]
    public void Lists_compare_item_by_item_and_null_is_not_empty_text()
    {
        Assert.Equal(ConfigValue.List(ConfigValue.Of(1), ConfigValue.Of("a")), ConfigValue.List([ConfigValue.Of(1), ConfigValue.Of("a")]));
        Assert.Equal(ConfigValue.List(ConfigValue.Of(1)).GetHashCode(), ConfigValue.List(ConfigValue.Of(1)).GetHashCode());
        Assert.NotEqual(ConfigValue.List(ConfigValue.Of(1)), ConfigValue.List(ConfigValue.Of(2)));
        Assert.NotEqual(ConfigValue.Null, ConfigValue.Of(""));
        Assert.NotEqual(ConfigValue.List(), ConfigValue.Null);
        Assert.Equal("[]", ConfigValue.List().ToString());
    }
}
