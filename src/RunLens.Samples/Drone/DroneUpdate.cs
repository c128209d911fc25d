namespace RunLens.Samples.Drone;

/// <summary>The statistics of one CEM update, over every episode its population flew.</summary>
/// <param name="Update">The update's index, from 0.</param>
/// <param name="MeanReward">The mean episode return.</param>
/// <param name="MeanLength">The mean episode length, steps.</param>
/// <param name="SuccessRate">The fraction of episodes that reached every waypoint.</param>
/// <param name="MeanWaypoints">The mean number of waypoints reached per episode.</param>
/// <param name="BestReturn">The best candidate's mean return.</param>
/// <param name="Rollout">When asked for, one episode of the mean policy after this update; else null.</param>
public sealed record DroneUpdate(
    int Update, double MeanReward, double MeanLength, double SuccessRate, double MeanWaypoints, double BestReturn,
    DroneRollout? Rollout);

/// <summary>One full episode of a policy, step by step, for snapshot logging.</summary>
/// <param name="Update">The update after which the mean policy flew it.</param>
/// <param name="Waypoints">The episode's waypoints, in order.</param>
/// <param name="Frames">Every step.</param>
/// <param name="Return">The episode's return.</param>
/// <param name="Steps">The episode's length.</param>
/// <param name="WaypointsReached">How many waypoints it reached.</param>
/// <param name="Success">True when it reached them all.</param>
/// <param name="Crashed">True when it crashed.</param>
public sealed record DroneRollout(
    int Update, IReadOnlyList<DronePoint> Waypoints, IReadOnlyList<DroneFrame> Frames, double Return, int Steps,
    int WaypointsReached, bool Success, bool Crashed);

/// <summary>One step of a rollout: the state after it, the action applied, the reward, and the target.</summary>
/// <param name="Step">The step, from 0.</param>
/// <param name="Position">The position after the step.</param>
/// <param name="Roll">Roll after the step, rad.</param>
/// <param name="Pitch">Pitch after the step, rad.</param>
/// <param name="Yaw">Yaw after the step, rad.</param>
/// <param name="Action">The action as applied (clipped).</param>
/// <param name="Reward">The step's reward.</param>
/// <param name="Target">The index of the waypoint targeted during the step.</param>
public readonly record struct DroneFrame(
    int Step, DronePoint Position, double Roll, double Pitch, double Yaw, DroneAction Action, double Reward, int Target);
