using RunLens.Samples.CartPole;

namespace RunLens.Samples.Tests.CartPole;

public class CartPoleEnvTests
{
    // Expected values computed by hand with Gym's CartPole-v1 step formulas (Python floats) from (0.01, -0.02, 0.03, 0.04).
    [Theory]
    [InlineData(1, 0.009600000000000001, 0.17467919574755525, 0.030799999999999998, -0.2430687179600081)]
    [InlineData(0, 0.009600000000000001, -0.21553901710278936, 0.030799999999999998, 0.34199522377603914)]
    public void One_step_matches_gym_euler_dynamics(int action, double x, double xDot, double theta, double thetaDot)
    {
        var env = new CartPoleEnv(0);
        env.SetState(0.01, -0.02, 0.03, 0.04);
        var step = env.Step(action);
        AssertState(env, x, xDot, theta, thetaDot);
        Assert.Equal(new CartPoleStep(1.0, false, false), step);
    }

    [Fact]
    public void Two_steps_right_then_left_match_gym()
    {
        var env = new CartPoleEnv(0);
        env.SetState(0.01, -0.02, 0.03, 0.04);
        env.Step(1);
        env.Step(0);
        AssertState(env, 0.013093583914951107, -0.020868848948191993, 0.025938625640799837, 0.0591679999394166);
    }

    [Fact]
    public void Reset_draws_every_component_within_five_hundredths_and_is_seeded()
    {
        var a = new CartPoleEnv(7);
        var b = new CartPoleEnv(7);
        var c = new CartPoleEnv(8);
        for (var i = 0; i < 100; i++)
        {
            a.Reset();
            b.Reset();
            c.Reset();
            Assert.All(new[] { a.X, a.XDot, a.Theta, a.ThetaDot }, v => Assert.InRange(v, -0.05, 0.05));
            Assert.Equal((a.X, a.XDot, a.Theta, a.ThetaDot), (b.X, b.XDot, b.Theta, b.ThetaDot));
            Assert.NotEqual((a.X, a.XDot, a.Theta, a.ThetaDot), (c.X, c.XDot, c.Theta, c.ThetaDot));
        }
    }

    [Fact]
    public void Always_pushing_right_tips_the_pole_past_twelve_degrees_and_terminates()
    {
        var env = new CartPoleEnv(1);
        env.Reset();
        CartPoleStep step;
        do
            step = env.Step(1);
        while (!step.Done);
        Assert.True(step.Terminated);
        Assert.False(step.Truncated);
        Assert.True(env.Theta < -CartPoleEnv.ThetaThresholdRadians);
        Assert.InRange(env.Steps, 5, 30);
    }

    [Fact]
    public void A_balancing_controller_is_truncated_at_five_hundred_steps()
    {
        var env = new CartPoleEnv(3);
        env.Reset();
        CartPoleStep step;
        do
            step = env.Step(env.Theta + 0.5 * env.ThetaDot + 0.01 * env.X + 0.1 * env.XDot > 0 ? 1 : 0);
        while (!step.Done);
        Assert.True(step.Truncated);
        Assert.False(step.Terminated);
        Assert.Equal(CartPoleEnv.MaxSteps, env.Steps);
    }

    [Fact]
    public void Stepping_a_finished_or_unstarted_episode_throws()
    {
        var env = new CartPoleEnv(0);
        Assert.Throws<InvalidOperationException>(() => env.Step(0));
        env.Reset();
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(2));
    }

    private static void AssertState(CartPoleEnv env, double x, double xDot, double theta, double thetaDot)
    {
        Assert.Equal(x, env.X, 1e-15);
        Assert.Equal(xDot, env.XDot, 1e-15);
        Assert.Equal(theta, env.Theta, 1e-15);
        Assert.Equal(thetaDot, env.ThetaDot, 1e-15);
    }
}
