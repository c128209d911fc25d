using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.ChartsTests.Replay;

public class ReplayBuilderTests(ITestOutputHelper output)
{
    [Fact]
    public void A_tiny_episode_matches_the_approved_json() =>
        Approvals.Verify(ReplayFixtures.Tiny().Replay().ToJson());

    [Fact]
    public void Short_episodes_keep_every_step_and_the_running_return()
    {
        var data = ReplayFixtures.Tiny().Replay().Data.Episodes.Single();

        Assert.Equal([0, 1, 2], data.Steps);
        Assert.Equal(2, data.Dim);
        Assert.Equal([0.0, 0.0, Math.PI / 2], data.Yaw!);
        Assert.Equal([1.0, 1.0, 3.0], data.Tracks.Single(t => t.Name == "return so far").Values);
        var action = data.Tracks.Single(t => t.Name == "action");
        Assert.True(action.Discrete);
        Assert.Null(action.Min);
        Assert.Null(data.Note);
    }

    [Fact]
    public void A_waypoint_counts_as_reached_at_the_first_step_within_the_radius() =>
        Assert.Equal([2], ReplayFixtures.Tiny().Replay().Data.Episodes[0].ReachedAt!);

    [Fact]
    public void A_per_step_count_of_waypoints_reached_wins_over_the_radius()
    {
        var tiny = ReplayFixtures.Tiny();
        var episode = tiny with
        {
            Trajectory = tiny.Trajectory! with
            {
                Tracks = new Dictionary<string, IReadOnlyList<double>> { ["waypoints_reached"] = [0, 1, 1] },
            },
        };

        Assert.Equal([1], episode.Replay().Data.Episodes[0].ReachedAt!);
    }

    [Fact]
    public void Without_radius_or_counts_the_reached_waypoints_are_placed_at_the_closest_approach_with_a_note()
    {
        var tiny = ReplayFixtures.Tiny();
        var episode = tiny with
        {
            WaypointsReached = 1,
            Trajectory = tiny.Trajectory! with { Scene = new Scene([[1, 0.2], [5, 5]]) },
        };

        var data = episode.Replay().Data.Episodes[0];

        Assert.Equal([1, -1], data.ReachedAt!);
        Assert.Contains("estimated (closest approach)", data.Note);
    }

    [Fact]
    public void Long_episodes_are_decimated_to_the_limit_with_a_note_and_min_max_bands()
    {
        var data = ReplayFixtures.Flight(steps: 2_001).Replay(new ReplayOptions { MaxSteps = 500 }).Data.Episodes[0];

        // stride ceil(2000 / 499) = 5: steps 0, 5, ..., 2000 are 401 frames, the last step included.
        Assert.Equal(401, data.Steps.Count);
        Assert.Equal(2_000, data.Steps[^1]);
        Assert.Equal(5, data.Steps[1]);
        Assert.Contains("showing 401 of 2,001 steps (every 5th and the last)", data.Note);
        var reward = data.Tracks.Single(t => t.Name == "reward");
        // Rewards of 10 fall at steps 124, 249, ...: step 124 is inside the stretch of frame 24 (steps 120-124).
        Assert.Equal(0.01, reward.Values[24]);
        Assert.Equal(10, reward.Max![24]);
        Assert.Equal(0.01, reward.Min![24]);
        Assert.Equal(reward.Values.Count, reward.Max.Count);
    }

    [Fact]
    public void The_html_of_a_500_step_3d_episode_stays_under_500_KB_without_plotly()
    {
        var widget = ReplayFixtures.Flight(steps: 500).Replay();

        var html = widget.ToHtml(new HtmlOptions { PlotlyJs = PlotlyJsMode.None, FullDocument = true });

        output.WriteLine($"500-step 3-D episode: {html.Length:N0} characters of HTML without plotly.js");
        Assert.Equal(500, widget.Data.Episodes[0].Steps.Count);
        Assert.InRange(html.Length, 1, 500_000);
        Assert.DoesNotContain("plotly.js v", html);
    }

    [Fact]
    public void Map_switches_are_marked_and_grid_states_keep_the_initial_and_final_state()
    {
        var data = ReplayFixtures.GridGame().Replay().Data.Episodes[0];

        Assert.Equal([12], data.MapSwitches!);
        Assert.True(data.YDown);
        Assert.Equal(20, data.Grids!.Count);
        Assert.Equal(0, data.GridInitial![0][0]);
        Assert.Equal(9, data.GridFinal![0][0]);
        Assert.Equal(["reward", "return", "components", "actions"], data.Tracks.Select(t => t.Group).Distinct());
        Assert.Contains("explore 0.7", data.Summary);
    }

    [Fact]
    public void Episodes_without_steps_are_left_out_with_a_note()
    {
        var widget = new[] { new Episode(0, 1, 5), ReplayFixtures.Tiny() with { Index = 1 } }.Replay();

        Assert.Equal(1, widget.EpisodeCount);
        Assert.Contains(widget.Notes, n => n.Contains("1 of 2 episodes have only a summary"));
    }

    [Fact]
    public void Replaying_only_summaries_says_what_a_replay_needs()
    {
        var error = Assert.Throws<ArgumentException>(() => new Episode(0, 1, 5).Replay());

        Assert.Contains("only their summaries were logged", error.Message);
    }

    [Fact]
    public void Snapshots_get_a_timeline_and_too_many_episodes_are_spread_evenly_with_a_note()
    {
        var snapshots = Enumerable.Range(0, 9).Select(u => ReplayFixtures.Flight(steps: 10, index: u, update: u * 10)).ToList();

        var widget = snapshots.Replay(new ReplayOptions { MaxEpisodes = 5 });

        Assert.True(widget.Data.Timeline);
        Assert.Equal(["update 0 (step 0)", "update 20 (step 2,000)", "update 40 (step 4,000)", "update 60 (step 6,000)", "update 80 (step 8,000)"], widget.Labels);
        Assert.Equal(4, widget.Data.Start);
        Assert.Contains(widget.Notes, n => n.Contains("9 episodes have steps; 5 evenly spaced"));
    }

    [Fact]
    public void The_same_widget_renders_the_same_html_and_two_renderings_in_one_session_get_different_ids()
    {
        var session = new HtmlSession();
        var options = new HtmlOptions { Session = session, PlotlyJs = PlotlyJsMode.None };

        var first = ReplayFixtures.Tiny().Replay().ToHtml(options);
        var second = ReplayFixtures.Tiny().Replay().ToHtml(options);

        Assert.Equal(ReplayFixtures.Tiny().Replay().ToHtml(HtmlOptions.Standalone), ReplayFixtures.Tiny().Replay().ToHtml(HtmlOptions.Standalone));
        Assert.NotEqual(first, second);
        Assert.Contains("id=\"runlens-replay-", first);
    }

    [Fact]
    public void A_label_that_looks_like_a_closing_script_tag_cannot_end_the_data_block()
    {
        var html = new[] { ReplayFixtures.Tiny() }.Replay(new ReplayOptions { Title = "</script><b>x</b>" }).ToHtml(HtmlOptions.Standalone);

        Assert.DoesNotContain("</script><b>", html);
    }
}
