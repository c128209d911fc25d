namespace RunLens.Samples.Drone;

/// <summary>
/// A linear policy over the target's relative position and the drone's velocity and attitude: 4 outputs (thrust
/// around hover, roll, pitch and yaw rates) from 9 clipped features and a bias.
/// </summary>
internal static class DronePolicy
{
    public const int Features = 10;
    public const int Outputs = 4;
    public const int Parameters = Features * Outputs;

    public static DroneAction Act(ReadOnlySpan<double> w, DroneState s, DronePoint target)
    {
        Span<double> f =
        [
            Clip((target.X - s.Position.X) / 4), Clip((target.Y - s.Position.Y) / 4), Clip((target.Z - s.Position.Z) / 4),
            Clip(s.Velocity.X / 4), Clip(s.Velocity.Y / 4), Clip(s.Velocity.Z / 4),
            s.Roll / DroneEnv.MaxTilt, s.Pitch / DroneEnv.MaxTilt, s.Yaw / Math.PI, 1,
        ];
        Span<double> u = stackalloc double[Outputs];
        for (var o = 0; o < Outputs; o++)
        {
            var sum = 0.0;
            for (var i = 0; i < Features; i++)
                sum += w[o * Features + i] * f[i];
            u[o] = sum;
        }
        return new DroneAction(DroneEnv.HoverThrust + 0.5 * u[0], DroneEnv.MaxRate * u[1], DroneEnv.MaxRate * u[2],
            DroneEnv.MaxYawRate * u[3]);
    }

    /// <summary>
    /// The prior the search starts from: level the attitude, hold yaw at 0, damp vertical speed. It hovers in place
    /// and knows nothing about waypoints; the search must learn to fly to them.
    /// </summary>
    public static double[] LevellingPrior()
    {
        var w = new double[Parameters];
        w[0 * Features + 5] = -0.3; // thrust against vertical speed
        w[1 * Features + 6] = -1; // roll rate against roll
        w[2 * Features + 7] = -1; // pitch rate against pitch
        w[3 * Features + 8] = -1; // yaw rate against yaw
        return w;
    }

    private static double Clip(double x) => Math.Clamp(x, -1, 1);
}
