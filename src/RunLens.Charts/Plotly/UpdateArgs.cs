using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>
/// An argument of an <see cref="UpdateMenuButton"/>: a typed set of plotly attribute changes. Serialized as a plain
/// object with no type field, since plotly tells the arguments apart by position.
/// </summary>
[JsonDerivedType(typeof(TraceUpdate))]
[JsonDerivedType(typeof(LayoutUpdate))]
public abstract record UpdateArgs;
