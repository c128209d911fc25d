namespace RunLens.Samples.CartPole;

/// <summary>The result of one <see cref="CartPoleEnv.Step"/>.</summary>
/// <param name="Reward">Always 1, including on the step that ends the episode (as in Gym).</param>
/// <param name="Terminated">The pole fell past 12 degrees or the cart left [-2.4, 2.4].</param>
/// <param name="Truncated">The episode reached <see cref="CartPoleEnv.MaxSteps"/> steps (as Gymnasium's TimeLimit, it can be
/// set together with <paramref name="Terminated"/>; a learner should then treat the state as terminal).</param>
public readonly record struct CartPoleStep(double Reward, bool Terminated, bool Truncated)
{
    /// <summary>The episode is over: terminated or truncated; call <see cref="CartPoleEnv.Reset"/>.</summary>
    public bool Done => Terminated || Truncated;
}

/// <summary>
/// Gym's CartPole-v1 with its classic dynamics (Euler integration, tau 0.02) and the 500-step time limit, seeded by
/// its own SplitMix64 so episodes never change with the runtime. State and observation are doubles (Gym hands out a
/// float32 copy of the same double state).
/// </summary>
public sealed class CartPoleEnv
{
    /// <summary>Gravity, m/s².</summary>
    public const double Gravity = 9.8;
    /// <summary>Mass of the cart, kg.</summary>
    public const double MassCart = 1.0;
    /// <summary>Mass of the pole, kg.</summary>
    public const double MassPole = 0.1;
    /// <summary>Half the pole's length, m.</summary>
    public const double Length = 0.5;
    /// <summary>Magnitude of the push, N.</summary>
    public const double ForceMag = 10.0;
    /// <summary>Seconds between state updates.</summary>
    public const double Tau = 0.02;
    /// <summary>The episode terminates when the cart's position leaves [-2.4, 2.4].</summary>
    public const double XThreshold = 2.4;
    /// <summary>The episode terminates when the pole's angle leaves ±12 degrees (in radians, as Gym computes it).</summary>
    public const double ThetaThresholdRadians = 12 * 2 * Math.PI / 360;
    /// <summary>Time limit of CartPole-v1.</summary>
    public const int MaxSteps = 500;
    /// <summary>Number of observation components: x, x_dot, theta, theta_dot.</summary>
    public const int ObservationSize = 4;

    private const double TotalMass = MassPole + MassCart;
    private const double PoleMassLength = MassPole * Length;

    private Prng _rng;
    private bool _done = true;

    /// <summary>An environment whose resets draw from <paramref name="seed"/>; call <see cref="Reset"/> first.</summary>
    public CartPoleEnv(ulong seed) => _rng = new Prng(seed);

    /// <summary>Cart position, m.</summary>
    public double X { get; private set; }
    /// <summary>Cart velocity, m/s.</summary>
    public double XDot { get; private set; }
    /// <summary>Pole angle, radians, 0 upright.</summary>
    public double Theta { get; private set; }
    /// <summary>Pole angular velocity, rad/s.</summary>
    public double ThetaDot { get; private set; }
    /// <summary>Steps taken since the last reset.</summary>
    public int Steps { get; private set; }

    /// <summary>Starts an episode: every state component uniform in [-0.05, 0.05).</summary>
    public void Reset()
    {
        X = Uniform();
        XDot = Uniform();
        Theta = Uniform();
        ThetaDot = Uniform();
        Steps = 0;
        _done = false;
    }

    /// <summary>Places the environment in a given state at the start of an episode (for tests and replays).</summary>
    public void SetState(double x, double xDot, double theta, double thetaDot)
    {
        (X, XDot, Theta, ThetaDot) = (x, xDot, theta, thetaDot);
        Steps = 0;
        _done = false;
    }

    /// <summary>Writes x, x_dot, theta, theta_dot into <paramref name="destination"/>.</summary>
    public void Observe(Span<double> destination)
    {
        destination[0] = X;
        destination[1] = XDot;
        destination[2] = Theta;
        destination[3] = ThetaDot;
    }

    /// <summary>Pushes the cart left (action 0) or right (action 1) for one tick of <see cref="Tau"/> seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is neither 0 nor 1.</exception>
    /// <exception cref="InvalidOperationException">The episode is over (or never started): call <see cref="Reset"/>.</exception>
    public CartPoleStep Step(int action)
    {
        if (action is not (0 or 1))
            throw new ArgumentOutOfRangeException(nameof(action), action, "CartPole has actions 0 (left) and 1 (right).");
        if (_done)
            throw new InvalidOperationException("The episode is over; call Reset before stepping again.");

        var force = action == 1 ? ForceMag : -ForceMag;
        var cosTheta = PortableMath.Cos(Theta);
        var sinTheta = PortableMath.Sin(Theta);
        var temp = (force + PoleMassLength * ThetaDot * ThetaDot * sinTheta) / TotalMass;
        var thetaAcc = (Gravity * sinTheta - cosTheta * temp)
            / (Length * (4.0 / 3.0 - MassPole * cosTheta * cosTheta / TotalMass));
        var xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;

        X += Tau * XDot;
        XDot += Tau * xAcc;
        Theta += Tau * ThetaDot;
        ThetaDot += Tau * thetaAcc;
        Steps++;

        var terminated = X < -XThreshold || X > XThreshold || Theta < -ThetaThresholdRadians || Theta > ThetaThresholdRadians;
        var truncated = Steps >= MaxSteps;
        _done = terminated || truncated;
        return new CartPoleStep(1.0, terminated, truncated);
    }

    private double Uniform() => -0.05 + 0.1 * _rng.NextDouble();
}
