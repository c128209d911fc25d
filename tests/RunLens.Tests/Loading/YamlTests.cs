using RunLens.Formats.Yaml;
using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

public class YamlTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static IReadOnlyDictionary<string, ConfigValue> Config(string yaml) => YamlConfig.Flatten(YamlReader.Parse(yaml));

    [Fact]
    public void Zoo_ordered_dict_dump_reads_as_a_mapping_with_pyyaml_types()
    {
        // The shape RL Baselines3 Zoo writes: OrderedDict(args=[[[key, value], ...]]), a folded plain scalar, a
        // nested list, an empty list and null.
        const string yaml = """
            !!python/object/apply:collections.OrderedDict
            - - - batch_size
                - 256
              - - env_wrapper
                - - sb3_contrib.common.wrappers.TimeFeatureWrapper
              - - gym_packages
                - []
              - - hyperparams
                - null
              - - learning_rate
                - lin_0.001
              - - normalize
                - true
              - - n_timesteps
                - 1000000.0
              - - replay_buffer_kwargs
                - dict( online_sampling=True, goal_selection_strategy='future', n_sampled_goal=4
                  )
              - - tensorboard_log
                - ''
            """;
        var config = Config(yaml);
        Assert.Equal(256, config["batch_size"].Number);
        Assert.Equal([ConfigValue.Of("sb3_contrib.common.wrappers.TimeFeatureWrapper")], config["env_wrapper"].Items);
        Assert.Equal("[\"sb3_contrib.common.wrappers.TimeFeatureWrapper\"]", config["env_wrapper"].ToString());
        Assert.Equal([], config["gym_packages"].Items!);
        Assert.True(config["hyperparams"].IsNull);
        Assert.Equal("null", config["hyperparams"].ToString());
        Assert.Equal("lin_0.001", config["learning_rate"].Text);
        Assert.True(config["normalize"].Boolean);
        Assert.Equal(1e6, config["n_timesteps"].Number);
        Assert.Equal("dict( online_sampling=True, goal_selection_strategy='future', n_sampled_goal=4 )", config["replay_buffer_kwargs"].Text);
        Assert.Equal("", config["tensorboard_log"].Text);
        Assert.Equal(9, config.Count);
    }

    [Fact]
    public void Nested_mappings_flatten_to_dotted_names_and_quoted_numbers_stay_text()
    {
        const string yaml = """
            # a W&B-style config
            lr:
              desc: null
              value: 3.0e-4
            experiment_id: '127694301877723077'
            model: {layers: [64, 64], act: "tanh"}  # flow mapping
            seeds:
            - 1
            - 2
            note: |
              two
              lines
            """;
        var config = Config(yaml);
        Assert.True(config["lr.desc"].IsNull);
        Assert.Equal(3e-4, config["lr.value"].Number);
        Assert.Equal("127694301877723077", config["experiment_id"].Text);
        Assert.Equal(ConfigValue.List(ConfigValue.Of(64), ConfigValue.Of(64)), config["model.layers"]);
        Assert.Equal("[64, 64]", config["model.layers"].ToString());
        Assert.Equal("tanh", config["model.act"].Text);
        Assert.Equal([1.0, 2.0], config["seeds"].Items!.Select(v => v.Number!.Value));
        Assert.Equal("two\nlines\n", config["note"].Text);
    }

    [Fact]
    public void A_doubled_quote_keeps_a_single_quoted_scalar_open_past_a_hash()
    {
        // python3 -c "import yaml; print(yaml.safe_load(\"name: 'it''s #1' # why\nnote: 'a''b' # c\"))"
        // gives {'name': "it's #1", 'note': "a'b"}.
        var config = Config("name: 'it''s #1' # why\nnote: 'a''b' # c\n");
        Assert.Equal("it's #1", config["name"].Text);
        Assert.Equal("a'b", config["note"].Text);
    }

    [Fact]
    public void Mlflow_meta_yaml_keeps_windows_paths_and_empty_lists()
    {
        const string yaml = """
            artifact_uri: file:C:\Users\lb\stock-quant\mlruns/1/abc/artifacts
            end_time: 1779751750041
            entry_point_name: ''
            status: 3
            tags: []
            """;
        var root = (YamlMapping)YamlReader.Parse(yaml);
        Assert.Equal(@"file:C:\Users\lb\stock-quant\mlruns/1/abc/artifacts", ((YamlScalar)root["artifact_uri"]!).Value);
        Assert.Equal("1779751750041", ((YamlScalar)root["end_time"]!).Value);
        Assert.Equal(5, root.Entries.Count);
        Assert.Empty(((YamlSequence)root["tags"]!).Items);
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3", 1)]
    [InlineData("a: 1\n   b: 2", 2)]
    [InlineData("a:\n\tb: 2", 2)]
    [InlineData("a: 'open", 1)]
    public void Broken_yaml_names_the_line(string yaml, int line)
    {
        var ex = Assert.Throws<YamlException>(() => YamlReader.Parse(yaml));
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Broken_yaml_config_is_an_issue_and_the_run_still_loads()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "config.yaml"), "lr: 0.1\n  bad: indentation\n");
        File.WriteAllText(Path.Combine(dir.Path, "log.jsonl"), "{\"step\": 1, \"r\": 2}\n");
        var runs = Runs.Load(dir.Path);
        Assert.Single(runs);
        Assert.Empty(runs[0].Info.Config);
        var issue = Assert.Single(runs.Issues);
        Assert.EndsWith("config.yaml", issue.File);
        Assert.Equal(2, issue.Line);
    }

    [RealDataFact("sb3-baselines/DLR-RM__rl-trained-agents")]
    public void Every_zoo_config_and_args_file_in_the_real_logs_reads()
    {
        // Checked once against PyYAML (/usr/bin/python3 with an OrderedDict constructor) on all 55 .yml/.yaml files
        // of real-runs: 995 keys, no difference in names, types or values. Pinned here: one config and one args file.
        var root = RealRuns.Folder("sb3-baselines/DLR-RM__rl-trained-agents", output);
        var files = Directory.GetFiles(root, "*.yml", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
            Assert.NotEmpty(YamlConfig.Flatten(YamlReader.Parse(File.ReadAllText(file))));
        var config = Config(File.ReadAllText(Path.Combine(root, "a2c/MountainCar-v0_1/MountainCar-v0/config.yml")));
        Assert.Equal(["ent_coef", "n_envs", "n_timesteps", "normalize", "policy"], config.Keys.ToArray());
        Assert.Equal(0.0, config["ent_coef"].Number);
        Assert.Equal(16, config["n_envs"].Number);
        Assert.Equal(1e6, config["n_timesteps"].Number);
        Assert.True(config["normalize"].Boolean);
        Assert.Equal("MlpPolicy", config["policy"].Text);
        var args = Config(File.ReadAllText(Path.Combine(root, "a2c/MountainCar-v0_1/MountainCar-v0/args.yml")));
        Assert.Equal(3039244810, args["seed"].Number);
        Assert.Equal("a2c", args["algo"].Text);
    }
}
