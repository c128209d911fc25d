using System.Runtime.InteropServices;
using System.Text;

namespace RunLens.Fields;

/// <summary>
/// Turns property names met while parsing (as UTF-8 bytes under a parent object) into field ids without
/// allocating per record. A field is named as written (its dotted path); its <see cref="FieldMap"/> alias is kept
/// beside it so lookups by role (<c>rewards.total</c>, <c>position.x</c>) find it. Records of one log share their shape, so each node predicts its next sibling and a
/// parse usually confirms the prediction with one short byte comparison; a miss falls back to a hash lookup.
/// One table per worker thread: it is not thread-safe.
/// </summary>
internal sealed class FieldTable
{
    /// <summary>The root of every record.</summary>
    public const int Root = 0;

    /// <summary>More distinct fields than this are not tracked (each costs memory in every sketch).</summary>
    public const int MaxFields = 4096;

    /// <summary>Separates a stream's name from its field's name in a qualified name: <c>episode_rewards:reward</c>.</summary>
    public const char StreamSeparator = ':';

    private readonly FieldMap _map;
    private readonly Registry _registry;
    private readonly string? _stream;
    private readonly List<Node> _nodes = [new Node([], "")];
    private readonly Dictionary<NodeKey, int> _lookup = new();
    private readonly Dictionary<string, int> _flat = new(StringComparer.Ordinal);

    public FieldTable(FieldMap map)
        : this(map, new Registry(), stream: null) => _registry.Main = this;

    private FieldTable(FieldMap map, Registry registry, string? stream)
    {
        _map = map;
        _registry = registry;
        _stream = stream;
    }

    // The ids and names every view of one table shares (see ForStream).
    private Dictionary<string, int> _ids => _registry.Ids;

    private Dictionary<string, List<int>> _byAlias => _registry.ByAlias;

    private List<string> _names => _registry.Names;

    private List<string> _aliases => _registry.Aliases;

    private List<SortedSet<string>> _sources => _registry.Sources;

    private List<int> _stepRanks => _registry.StepRanks;

    /// <summary>
    /// The table through which a file of another log stream of the run (a second logger's file, see
    /// <see cref="RunFile.Stream"/>) names its fields: the same ids, but every name (and its alias) qualified by the
    /// stream (<c>episode_rewards:reward</c>), so its fields never share a series with the main log's fields and never
    /// answer the main log's role lookups. A qualified field keeps the step rank of its own name, so each stream keeps
    /// its own x axis. Null gives the main table. Views are cached, so files of one stream share their parse predictions.
    /// </summary>
    public FieldTable ForStream(string? stream)
    {
        if (stream is null)
            return _registry.Main!;
        if (!_registry.Streams.TryGetValue(stream, out var view))
            _registry.Streams.Add(stream, view = new FieldTable(_map, _registry, stream));
        return view;
    }

    /// <summary>Names as written, by id.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The lookup name (role) of each id, by id: its name when it has no alias.</summary>
    public IReadOnlyList<string> Aliases => _aliases;

    /// <summary>The map the aliases come from.</summary>
    public FieldMap Map => _map;

    /// <summary>The number of fields so far (checked per record, so not through the interface).</summary>
    public int FieldCount => _names.Count;

    /// <summary>True once a field beyond <see cref="MaxFields"/> was met and ignored.</summary>
    public bool Overflowed => _registry.Overflowed;

    /// <summary>The paths as written seen for an id (its own name).</summary>
    public IReadOnlyCollection<string> SourcesOf(int id) => _sources[id];

    /// <summary>The step rank of an id (0 best), or -1 when it is not a step field.</summary>
    public int StepRank(int id) => _stepRanks[id];

    /// <summary>Every id's step rank, indexed by id (for the per-record loop; valid until the next new field).</summary>
    public ReadOnlySpan<int> StepRanks => CollectionsMarshal.AsSpan(_stepRanks);

    /// <summary>
    /// The node of property <paramref name="name"/> under <paramref name="parent"/>. <paramref name="previous"/> is the
    /// previous sibling node in this object (-1 for the first property) and is used for the prediction.
    /// </summary>
    public int Child(int parent, int previous, ReadOnlySpan<byte> name)
    {
        var nodes = CollectionsMarshal.AsSpan(_nodes);
        var predicted = previous < 0 ? nodes[parent].FirstChild : nodes[previous].NextSibling;
        if (predicted > 0 && name.SequenceEqual(nodes[predicted].Name))
            return predicted;

        var found = LookupOrAdd(parent, name);
        nodes = CollectionsMarshal.AsSpan(_nodes);
        if (previous < 0)
            nodes[parent].FirstChild = found;
        else
            nodes[previous].NextSibling = found;
        return found;
    }

    /// <summary>The field id of a leaf node, or -1 when the field limit was reached.</summary>
    public int FieldOf(int node)
    {
        var id = CollectionsMarshal.AsSpan(_nodes)[node].Field;
        return id != Node.Unassigned ? id : AssignField(node);
    }

    private int LookupOrAdd(int parent, ReadOnlySpan<byte> name)
    {
        var probe = new NodeKey(parent, name.ToArray());
        if (_lookup.TryGetValue(probe, out var existing))
            return existing;
        var path = parent == Root ? Encoding.UTF8.GetString(name) : _nodes[parent].Path + "." + Encoding.UTF8.GetString(name);
        _nodes.Add(new Node(probe.Name, path));
        _lookup.Add(probe, _nodes.Count - 1);
        return _nodes.Count - 1;
    }

    private int AssignField(int node)
    {
        var path = _nodes[node].Path;
        var id = IdFor(path, _map.Canonical(path));
        CollectionsMarshal.AsSpan(_nodes)[node].Field = id;
        return id;
    }

    /// <summary>
    /// The id of a name as written (new ones get the next id, with <paramref name="alias"/> as their lookup name);
    /// -1 past the limit.
    /// </summary>
    private int IdFor(string name, string alias)
    {
        // A stream's fields keep the step rank of their own names, under qualified names.
        var rank = _map.StepRank(name);
        rank = rank >= 0 ? rank : _map.StepRank(alias);
        if (_stream is not null)
            (name, alias) = (_stream + StreamSeparator + name, _stream + StreamSeparator + alias);
        if (!_ids.TryGetValue(name, out var id))
        {
            if (_names.Count >= MaxFields)
            {
                _registry.Overflowed = true;
                return -1;
            }
            id = _names.Count;
            _ids.Add(name, id);
            _names.Add(name);
            _aliases.Add(alias);
            _sources.Add(new SortedSet<string>(StringComparer.Ordinal) { name });
            // A name aliased to a step field (WithAlias("frame", "step")) counts as that step field.
            _stepRanks.Add(rank);
            if (alias != name)
            {
                if (!_byAlias.TryGetValue(alias, out var ids))
                    _byAlias[alias] = ids = [];
                ids.Add(id);
            }
        }
        else if (_aliases[id] != alias && _aliases[id] != name)
        {
            // The same name plays a role in one file and none (or another) in the next, as PokemonRed's all_runs
            // JSON reward component event and its CSV's event counter: a name that is not always the role plays none.
            _byAlias[_aliases[id]].Remove(id);
            _aliases[id] = name;
        }
        return id;
    }

    /// <summary>
    /// The field id of a name given whole (a CSV column, a TensorBoard tag, an MLflow key), aliased by
    /// <see cref="FieldMap.CanonicalWhole"/>; -1 when the field limit was reached. Cached: for per-record use.
    /// </summary>
    public int FlatField(string name)
    {
        if (_flat.TryGetValue(name, out var id))
            return id;
        id = IdFor(name, _map.CanonicalWhole(name));
        _flat.Add(name, id);
        return id;
    }

    /// <summary>
    /// The id that answers a lookup if a record has used it, else -1: the field written exactly so, else the field
    /// that plays the role the name stands for (see <see cref="FieldRoles.Answer"/>). Not for per-value use.
    /// </summary>
    public int IdOf(string name)
    {
        if (_ids.TryGetValue(name, out var id))
            return id;
        if (!_byAlias.TryGetValue(name, out var ids))
            return -1;
        var best = ids[0];
        foreach (var other in ids)
        {
            if (string.CompareOrdinal(_names[other], _names[best]) < 0)
                best = other;
        }
        return best;
    }

    /// <summary>
    /// The ids of every field that could answer a lookup, best first (the order <see cref="IdOf"/> picks by): for
    /// per-record use where each record takes the best one it has (a run mixing flat <c>x</c> and nested
    /// <c>position.x</c> files still has a position in every record).
    /// </summary>
    public int[] Ranked(string name) =>
        [.. Candidates(name).Distinct().OrderBy(id => _names[id] == name ? 0 : 1).ThenBy(id => _names[id], StringComparer.Ordinal)];

    /// <summary>The ids of every field that could answer a lookup: the one written so and those aliased to it.</summary>
    public IEnumerable<int> Candidates(string name)
    {
        if (_ids.TryGetValue(name, out var id))
            yield return id;
        if (_byAlias.TryGetValue(name, out var ids))
        {
            foreach (var other in ids)
                yield return other;
        }
    }

    /// <summary>The field ids and names every view of one table shares.</summary>
    private sealed class Registry
    {
        public readonly Dictionary<string, int> Ids = new(StringComparer.Ordinal);
        public readonly Dictionary<string, List<int>> ByAlias = new(StringComparer.Ordinal);
        public readonly List<string> Names = [];
        public readonly List<string> Aliases = [];
        public readonly List<SortedSet<string>> Sources = [];
        public readonly List<int> StepRanks = [];
        public readonly Dictionary<string, FieldTable> Streams = new(StringComparer.Ordinal);
        public FieldTable? Main;
        public bool Overflowed;
    }

    private struct Node(byte[] name, string path)
    {
        public const int Unassigned = int.MinValue;
        public readonly byte[] Name = name;
        public readonly string Path = path;
        public int FirstChild;
        public int NextSibling;
        public int Field = Unassigned;
    }

    private readonly struct NodeKey(int parent, byte[] name) : IEquatable<NodeKey>
    {
        public int Parent { get; } = parent;
        public byte[] Name { get; } = name;

        public bool Equals(NodeKey other) => Parent == other.Parent && Name.AsSpan().SequenceEqual(other.Name);

        public override bool Equals(object? obj) => obj is NodeKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Parent);
            hash.AddBytes(Name);
            return hash.ToHashCode();
        }
    }
}
