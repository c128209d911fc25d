namespace RunLens;

/// <summary>How many records were at one cell. Coordinates are floored to whole cells.</summary>
/// <param name="Map">The map id, or null when records carry no map.</param>
/// <param name="X">The cell's x.</param>
/// <param name="Y">The cell's y.</param>
/// <param name="Count">Records at this cell.</param>
public readonly record struct PositionCount(int? Map, int X, int Y, long Count);
