namespace RunLens.Samples.Drone;

/// <summary>A point in the drone's world, metres; z is up.</summary>
/// <param name="X">East.</param>
/// <param name="Y">North.</param>
/// <param name="Z">Up (the ground is z = 0).</param>
public readonly record struct DronePoint(double X, double Y, double Z)
{
    /// <summary>The Euclidean distance to <paramref name="other"/>.</summary>
    public double DistanceTo(DronePoint other)
    {
        var (dx, dy, dz) = (other.X - X, other.Y - Y, other.Z - Z);
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }
}

/// <summary>A command to the drone; <see cref="DroneEnv.Step"/> clips it to the limits.</summary>
/// <param name="Thrust">Collective thrust as a fraction of the maximum, 0 to 1 (<see cref="DroneEnv.HoverThrust"/> hovers).</param>
/// <param name="RollRate">Roll rate, rad/s, within +-<see cref="DroneEnv.MaxRate"/>.</param>
/// <param name="PitchRate">Pitch rate, rad/s, within +-<see cref="DroneEnv.MaxRate"/>.</param>
/// <param name="YawRate">Yaw rate, rad/s, within +-<see cref="DroneEnv.MaxYawRate"/>.</param>
public readonly record struct DroneAction(double Thrust, double RollRate, double PitchRate, double YawRate);

/// <summary>The drone's state.</summary>
/// <param name="Position">Where it is.</param>
/// <param name="Velocity">Its velocity, m/s, as a point (vx, vy, vz).</param>
/// <param name="Roll">Roll, rad, within +-<see cref="DroneEnv.MaxTilt"/>.</param>
/// <param name="Pitch">Pitch, rad, within +-<see cref="DroneEnv.MaxTilt"/>.</param>
/// <param name="Yaw">Yaw, rad, in (-pi, pi].</param>
public readonly record struct DroneState(DronePoint Position, DronePoint Velocity, double Roll, double Pitch, double Yaw);

/// <summary>What one step of a <see cref="DroneEnv"/> produced.</summary>
/// <param name="Reward">Progress toward the target waypoint, plus the reach bonus, plus the crash penalty.</param>
/// <param name="Reached">True when the step reached the target waypoint.</param>
/// <param name="Crashed">True when the drone hit the ground or left the box: the episode ends.</param>
/// <param name="Done">True when the episode ended (crash, every waypoint reached, or the step cap).</param>
/// <param name="Action">The action as applied, after clipping.</param>
public readonly record struct DroneStepResult(double Reward, bool Reached, bool Crashed, bool Done, DroneAction Action);
