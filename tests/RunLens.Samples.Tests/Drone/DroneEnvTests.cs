using RunLens.Samples.Drone;

namespace RunLens.Samples.Tests.Drone;

public class DroneEnvTests
{
    [Fact]
    public void Hover_thrust_holds_altitude_when_level()
    {
        var env = new DroneEnv(1);
        for (var i = 0; i < 100 && !env.Done; i++)
            env.Step(new DroneAction(DroneEnv.HoverThrust, 0, 0, 0));
        Assert.Equal(DroneEnv.Start.Z, env.State.Position.Z, 6);
        Assert.Equal(0, env.State.Position.X, 9);
        Assert.False(env.Crashed);
    }

    [Fact]
    public void No_thrust_falls_to_the_ground_and_crashes()
    {
        var env = new DroneEnv(1);
        DroneStepResult last = default;
        while (!env.Done)
            last = env.Step(new DroneAction(0, 0, 0, 0));
        Assert.True(last.Crashed && env.Crashed);
        Assert.True(env.Steps < 20, $"{env.Steps} steps");
    }

    [Fact]
    public void Commands_are_clipped_to_the_limits_and_tilt_is_bounded()
    {
        var env = new DroneEnv(1);
        var r = env.Step(new DroneAction(5, 100, -100, double.NaN));
        Assert.Equal(new DroneAction(1, DroneEnv.MaxRate, -DroneEnv.MaxRate, 0), r.Action);
        for (var i = 0; i < 30 && !env.Done; i++)
            env.Step(new DroneAction(DroneEnv.HoverThrust, 100, -100, 100));
        Assert.Equal(DroneEnv.MaxTilt, env.State.Roll, 9);
        Assert.Equal(-DroneEnv.MaxTilt, env.State.Pitch, 9);
        Assert.InRange(env.State.Yaw, -Math.PI, Math.PI);
    }

    [Fact]
    public void Pitching_forward_accelerates_east()
    {
        var env = new DroneEnv(1);
        env.SetState(new DroneState(new DronePoint(0, 0, 5), default, 0, 0.3, 0));
        for (var i = 0; i < 10; i++)
            env.Step(new DroneAction(DroneEnv.HoverThrust / Math.Cos(0.3), 0, 0, 0));
        Assert.True(env.State.Velocity.X > 0.5 && Math.Abs(env.State.Velocity.Z) < 0.05, env.State.ToString());
    }

    [Fact]
    public void Reaching_a_waypoint_pays_the_bonus_and_the_cap_ends_the_episode()
    {
        var env = new DroneEnv(3);
        var w = env.Waypoints[0];
        env.SetState(new DroneState(w with { Z = w.Z - 0.5 }, default, 0, 0, 0));
        var r = env.Step(new DroneAction(DroneEnv.HoverThrust, 0, 0, 0));
        Assert.True(r.Reached && r.Reward > DroneEnv.ReachBonus - 0.1);
        Assert.Equal(1, env.Target);
        var steps = 1;
        while (!env.Done)
        {
            env.SetState(new DroneState(new DronePoint(0, 0, 5), default, 0, 0, 0));
            env.Step(new DroneAction(DroneEnv.HoverThrust, 0, 0, 0));
            steps++;
        }
        Assert.Equal(DroneEnv.MaxSteps, steps);
        Assert.Throws<InvalidOperationException>(() => env.Step(default));
    }
}
