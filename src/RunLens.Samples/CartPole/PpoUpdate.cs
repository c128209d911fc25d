namespace RunLens.Samples.CartPole;

/// <summary>What one PPO update saw and did. Losses and statistics are means over the update's minibatches.</summary>
/// <param name="Update">0-based index of the update.</param>
/// <param name="EnvSteps">Environment steps taken since training began, including this update's batch.</param>
/// <param name="EpisodeReturns">Undiscounted returns of the episodes that finished while collecting this batch.</param>
/// <param name="EpisodeLengths">Lengths of the same episodes, in the same order.</param>
/// <param name="EpisodeEnvs">Index of the environment each of the same episodes ran in, in the same order.</param>
/// <param name="EpisodeEndSteps">
/// Environment steps taken since training began (over all environments, counting the episode's last step) when each
/// of the same episodes ended, in the same order: the time an SB3 Monitor stamps on the episode.
/// </param>
/// <param name="PolicyLoss">Clipped surrogate loss (to minimise), mean over all minibatches of all epochs.</param>
/// <param name="ValueLoss">Half the mean squared error of the value net against the GAE returns, mean over all minibatches.</param>
/// <param name="Entropy">Mean entropy of the policy, in nats, mean over all minibatches.</param>
/// <param name="ApproxKl">Estimate of KL(old || new), mean of <c>(r - 1) - log r</c> over the last epoch.</param>
/// <param name="ClipFraction">Fraction of samples whose ratio left the clip range, over all epochs.</param>
/// <param name="GradNorm">Mean global gradient norm before clipping, over all minibatches.</param>
/// <param name="ExplainedVariance">1 - Var(returns - values) / Var(returns) of the values predicted during collection.</param>
/// <param name="LearningRate">Adam's step size during this update.</param>
/// <param name="MeanProbLeft">Mean probability of action 0 (push left) over the batch, under the collecting policy.</param>
/// <param name="MeanProbRight">Mean probability of action 1 (push right), likewise; the two sum to 1.</param>
public sealed record PpoUpdate(
    int Update,
    long EnvSteps,
    double[] EpisodeReturns,
    int[] EpisodeLengths,
    int[] EpisodeEnvs,
    long[] EpisodeEndSteps,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double ApproxKl,
    double ClipFraction,
    double GradNorm,
    double ExplainedVariance,
    double LearningRate,
    double MeanProbLeft,
    double MeanProbRight);
