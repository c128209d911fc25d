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
