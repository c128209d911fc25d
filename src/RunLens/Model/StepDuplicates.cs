namespace RunLens;

/// <summary>
/// What to keep where a series has several points at one step (a resumed run that logged a step again, two
/// writers), when a table needs one value per step (<see cref="SeriesSteps.OnePointPerStep"/>, wide data frames,
/// frames aligned on step).
/// </summary>
public enum StepDuplicates
{
    /// <summary>
    /// The point logged last at that step (file order): an exact logged value, and the one a resumed run wrote over
    /// the first, as TensorBoard keeps the newer events when a run restarts from an earlier step.
    /// </summary>
    Last,

    /// <summary>
    /// The mean of the finite values at that step (the merge curves and aggregation use, see
    /// <see cref="Smooth.MergeDuplicateSteps"/>); the wall time is the last point's.
    /// </summary>
    Mean,
}
