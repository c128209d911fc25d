namespace RunLens.Samples.Drone;

/// <summary>
/// A 3-D point-mass drone that follows waypoints: thrust along its body axis (tilted by roll and pitch, turned by
/// yaw), gravity and linear drag, integrated with semi-implicit Euler at <see cref="Dt"/>. Commands are thrust and
/// attitude rates, clipped to the limits; roll and pitch are clamped to <see cref="MaxTilt"/>. An episode visits
/// its waypoints in order: the reward is the progress toward the target each step plus <see cref="ReachBonus"/> on
/// reaching it (within <see cref="WaypointRadius"/>); hitting the ground or leaving the box ends it with
/// <see cref="CrashPenalty"/>, and it stops after <see cref="MaxSteps"/> steps.
/// </summary>
public sealed class DroneEnv
{
    /// <summary>The time step, s.</summary>
    public const double Dt = 0.05;

    /// <summary>Gravity, m/s^2.</summary>
    public const double Gravity = 9.81;

    /// <summary>The acceleration at full thrust, m/s^2.</summary>
    public const double MaxThrustAcceleration = 2 * Gravity;

    /// <summary>The thrust fraction that holds altitude when level.</summary>
    public const double HoverThrust = Gravity / MaxThrustAcceleration;

    /// <summary>Linear drag, 1/s.</summary>
    public const double Drag = 0.3;

    /// <summary>The roll and pitch limit, rad.</summary>
    public const double MaxTilt = 0.6;

    /// <summary>The roll and pitch rate limit, rad/s.</summary>
    public const double MaxRate = 3;

    /// <summary>The yaw rate limit, rad/s.</summary>
    public const double MaxYawRate = 2;

    /// <summary>The box's half-width in x and y, m.</summary>
    public const double HalfWidth = 10;

    /// <summary>The box's ceiling, m.</summary>
    public const double Ceiling = 12;

    /// <summary>How close counts as reaching a waypoint, m.</summary>
    public const double WaypointRadius = 1;

    /// <summary>The reward for reaching a waypoint.</summary>
    public const double ReachBonus = 10;

    /// <summary>The reward for crashing.</summary>
    public const double CrashPenalty = -10;

    /// <summary>The episode's step cap.</summary>
    public const int MaxSteps = 400;

    /// <summary>Where every episode starts, at rest and level.</summary>
    public static readonly DronePoint Start = new(0, 0, 4);

    private readonly DronePoint[] _waypoints;
    private DronePoint _p, _v;
    private double _roll, _pitch, _yaw;

    /// <summary>Creates an episode with <paramref name="waypoints"/> waypoints drawn from <paramref name="seed"/>.</summary>
    public DroneEnv(long seed, int waypoints = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(waypoints);
        var rng = new Prng(Prng.Seed(seed, 0xD205E));
        _waypoints = new DronePoint[waypoints];
        for (var i = 0; i < waypoints; i++)
            _waypoints[i] = new DronePoint(-7 + 14 * rng.NextDouble(), -7 + 14 * rng.NextDouble(), 1.5 + 6.5 * rng.NextDouble());
        _p = Start;
    }

    /// <summary>The episode's waypoints, in the order they must be reached.</summary>
    public IReadOnlyList<DronePoint> Waypoints => _waypoints;

    /// <summary>The drone's state.</summary>
    public DroneState State => new(_p, _v, _roll, _pitch, _yaw);

    /// <summary>The index of the waypoint to reach next (equal to the count when all are reached).</summary>
    public int Target { get; private set; }

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>True when the episode ended in a crash.</summary>
    public bool Crashed { get; private set; }

    /// <summary>True once the episode has ended.</summary>
    public bool Done { get; private set; }

    /// <summary>Places the drone (tests and what-ifs): position, velocity and attitude.</summary>
    public void SetState(DroneState state)
    {
        (_p, _v) = (state.Position, state.Velocity);
        (_roll, _pitch, _yaw) = (Math.Clamp(state.Roll, -MaxTilt, MaxTilt), Math.Clamp(state.Pitch, -MaxTilt, MaxTilt), state.Yaw);
    }

    /// <summary>Applies <paramref name="action"/>, clipped to the limits, for one time step.</summary>
    public DroneStepResult Step(DroneAction action)
    {
        if (Done)
            throw new InvalidOperationException("The episode has ended.");
        var a = Clip(action);
        var before = Target < _waypoints.Length ? _p.DistanceTo(_waypoints[Target]) : 0;
        _roll = Math.Clamp(_roll + a.RollRate * Dt, -MaxTilt, MaxTilt);
        _pitch = Math.Clamp(_pitch + a.PitchRate * Dt, -MaxTilt, MaxTilt);
        _yaw = Math.IEEERemainder(_yaw + a.YawRate * Dt, 2 * Math.PI);
        var (sr, cr, sp, cp, sy, cy) = (Math.Sin(_roll), Math.Cos(_roll), Math.Sin(_pitch), Math.Cos(_pitch), Math.Sin(_yaw), Math.Cos(_yaw));
        // The body z axis of a ZYX (yaw, pitch, roll) rotation.
        var thrust = a.Thrust * MaxThrustAcceleration;
        var ax = thrust * (cy * sp * cr + sy * sr) - Drag * _v.X;
        var ay = thrust * (sy * sp * cr - cy * sr) - Drag * _v.Y;
        var az = thrust * (cp * cr) - Gravity - Drag * _v.Z;
        _v = new DronePoint(_v.X + ax * Dt, _v.Y + ay * Dt, _v.Z + az * Dt);
        _p = new DronePoint(_p.X + _v.X * Dt, _p.Y + _v.Y * Dt, _p.Z + _v.Z * Dt);
        Steps++;

        var crashed = _p.Z <= 0 || _p.Z > Ceiling || Math.Abs(_p.X) > HalfWidth || Math.Abs(_p.Y) > HalfWidth;
        var reward = 0.0;
        var reached = false;
        if (Target < _waypoints.Length)
        {
            var after = _p.DistanceTo(_waypoints[Target]);
            reward = before - after;
            if (after <= WaypointRadius)
            {
                reached = true;
                reward += ReachBonus;
                Target++;
            }
        }
        if (crashed)
        {
            reward += CrashPenalty;
            Crashed = true;
        }
        Done = crashed || Target == _waypoints.Length || Steps >= MaxSteps;
        return new DroneStepResult(reward, reached, crashed, Done, a);
    }

    private static DroneAction Clip(DroneAction a) => new(
        Clamp(a.Thrust, 0, 1), Clamp(a.RollRate, -MaxRate, MaxRate), Clamp(a.PitchRate, -MaxRate, MaxRate),
        Clamp(a.YawRate, -MaxYawRate, MaxYawRate));

    // NaN commands count as zero.
    private static double Clamp(double value, double min, double max) => double.IsNaN(value) ? Math.Clamp(0, min, max) : Math.Clamp(value, min, max);
}
