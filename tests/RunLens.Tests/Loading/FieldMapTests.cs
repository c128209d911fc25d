using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

public class FieldMapTests
{
    [Theory]
    [InlineData("x", "position.x")]
    [InlineData("position.x", "position.x")]
    [InlineData("pos.y", "position.y")]
    [InlineData("map", "position.map")]
    [InlineData("total", "rewards.total")]
    [InlineData("reward", "rewards.total")]
    [InlineData("event", "rewards.event")]
    [InlineData("reward_explore", "rewards.explore")]
    [InlineData("rewards.stuck", "rewards.stuck")]
    [InlineData("env_id", "env")]
    [InlineData("info.action", "info.action")]
    [InlineData("info.event", "info.event")]
    [InlineData("metrics.reward_mean", "metrics.reward_mean")]
    [InlineData("global_step", "global_step")]
    public void Flat_and_nested_names_map_to_one_canonical_name(string path, string canonical) =>
        Assert.Equal(canonical, FieldMap.Default.Canonical(path));

    [Fact]
    public void User_aliases_and_step_fields_override_the_defaults()
    {
        var map = FieldMap.Default.WithAlias("agent.col", "position.x").WithStep("frame");

        Assert.Equal("position.x", map.Canonical("agent.col"));
        Assert.Equal(0, map.StepRank("frame"));
        Assert.Equal(1, map.StepRank("step"));
        Assert.Equal(-1, map.StepRank("position.x"));
    }

    [Theory]
    [InlineData("event", "event")]
    [InlineData("badge", "badge")]
    [InlineData("x", "position.x")]
    [InlineData("reward", "rewards.total")]
    [InlineData("rollout/ep_rew_mean", "rollout/ep_rew_mean")]
    public void Names_given_whole_by_tools_keep_counters_apart_from_reward_components(string name, string canonical)
    {
        Assert.Equal(canonical, FieldMap.Default.CanonicalWhole(name));
    }
}

public class FieldRoleTests
{
    [Theory]
    [InlineData("position.x", FieldRole.PositionX)]
    [InlineData("position.map", FieldRole.PositionMap)]
    [InlineData("rewards.total", FieldRole.RewardTotal)]
    [InlineData("rewards.event", FieldRole.RewardComponent)]
    [InlineData("env", FieldRole.Env)]
    [InlineData("global_step", FieldRole.Step)]
    [InlineData("loss", FieldRole.None)]
    [InlineData("rewards.", FieldRole.None)]
    public void Lookup_names_stand_for_roles(string lookup, FieldRole role) =>
        Assert.Equal(role, FieldMap.Default.RoleOf(lookup));

    [Fact]
    public void A_json_log_keeps_its_names_and_answers_lookups_by_role()
    {
        using var dir = new TempDir();
        dir.Write("run/log.jsonl", "{\"step\":0,\"reward\":1,\"x\":3,\"y\":4,\"reward_event\":0.5}\n{\"step\":1,\"reward\":2,\"x\":5,\"y\":4,\"reward_event\":0}\n");
        var run = Runs.Load(dir.Path).Single();

        var scan = run.Scan();
        var summary = Runs.Load(dir.Path).Describe().Single();

        Assert.Equal(["reward", "reward_event", "step", "x", "y"], scan.Fields.Select(f => f.Name));
        Assert.Equal(["reward", "reward_event", "x", "y"], summary.Metrics.Select(m => m.Name));
        Assert.Equal("reward", scan.Field(FieldMap.RewardTotal)!.Name);
        Assert.Equal("rewards.event", scan.Field("reward_event")!.Alias);
        Assert.Equal("reward", summary.Metric("rewards.total")!.Name);
        Assert.Equal("x", summary.Metric("position.x")!.Name);
        var series = run.Metric(FieldMap.RewardTotal);
        Assert.Equal("reward", series.Metric);
        Assert.Equal([1.0, 2.0], series.Points.Select(p => p.Value));
        Assert.Equal(["reward", "x"], run.Metrics("rewards.total", "position.x").Select(s => s.Metric));
        Assert.Equal(2, scan.DistinctPositions);
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void An_unknown_name_lists_the_names_as_logged()
    {
        using var dir = new TempDir();
        dir.Write("run/log.jsonl", "{\"step\":0,\"total\":1}\n");
        var run = Runs.Load(dir.Path).Single();

        var error = Assert.Throws<KeyNotFoundException>(() => run.Metric("loss"));

        Assert.Contains("Fields: step, total.", error.Message, StringComparison.Ordinal);
    }
}
