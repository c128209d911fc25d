using System.Runtime.InteropServices;
using System.Text;

namespace RunLens.Fields;

/// <summary>
/// Turns property names met while parsing (as UTF-8 bytes under a parent object) into canonical field ids without
/// allocating per record. Records of one log share their shape, so each node predicts its next sibling and a
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

    /// <summary>Canonical names by id.</summary>
    public IReadOnlyList<string> Names => _registry.Names;

    /// <summary>The number of canonical fields so far (checked per record, so not through the interface).</summary>
    public int FieldCount => _registry.Names.Count;

    /// <summary>True once a field beyond <see cref="MaxFields"/> was met and ignored.</summary>
    public bool Overflowed => _registry.Overflowed;

    /// <summary>The raw paths seen for a canonical id.</summary>
    public IReadOnlyCollection<string> SourcesOf(int id) => _registry.Sources[id];

    /// <summary>The step rank of a canonical id (0 best), or -1 when it is not a step field.</summary>
    public int StepRank(int id) => _registry.StepRanks[id];

    /// <summary>Every id's step rank, indexed by id (for the per-record loop; valid until the next new field).</summary>
    public ReadOnlySpan<int> StepRanks => CollectionsMarshal.AsSpan(_registry.StepRanks);

    /// <summary>
    /// The table through which a file of another log stream of the run (a second logger's file, see
    /// <see cref="RunFile.Stream"/>) names its fields: the same ids, but every name qualified by the stream
    /// (<c>episode_rewards:reward</c>), so its fields never share a series with the main log's fields of the same
    /// name. A qualified field keeps the step rank of its own name, so each stream keeps its own x axis. Null gives
    /// the main table. Views are cached, so files of one stream share their parse predictions.
    /// </summary>
    public FieldTable ForStream(string? stream)
    {
        if (stream is null)
            return _registry.Main!;
        if (!_registry.Streams.TryGetValue(stream, out var view))
            _registry.Streams.Add(stream, view = new FieldTable(_map, _registry, stream));
        return view;
    }

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

    /// <summary>The canonical field id of a leaf node, or -1 when the field limit was reached.</summary>
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
        var id = IdFor(_map.Canonical(path), path);
        CollectionsMarshal.AsSpan(_nodes)[node].Field = id;
        return id;
    }

    /// <summary>
    /// The id of a canonical name (new ones get the next id), recording the raw name it was met as; -1 past the
    /// limit. In a stream's view both are qualified by the stream, and the step rank is the unqualified name's.
    /// </summary>
    private int IdFor(string canonical, string source)
    {
        var rank = _stream is null ? -2 : _map.StepRank(canonical);
        if (_stream is not null)
            (canonical, source) = (_stream + StreamSeparator + canonical, _stream + StreamSeparator + source);
        var registry = _registry;
        if (!registry.CanonicalIds.TryGetValue(canonical, out var id))
        {
            if (registry.Names.Count >= MaxFields)
            {
                registry.Overflowed = true;
                return -1;
            }
            id = registry.Names.Count;
            registry.CanonicalIds.Add(canonical, id);
            registry.Names.Add(canonical);
            registry.Sources.Add(new SortedSet<string>(StringComparer.Ordinal));
            registry.StepRanks.Add(rank == -2 ? _map.StepRank(canonical) : rank);
        }
        registry.Sources[id].Add(source);
        return id;
    }

    /// <summary>
    /// The canonical field id of a name given whole (a CSV column, a TensorBoard tag, an MLflow key), mapped by
    /// <see cref="FieldMap.CanonicalWhole"/>; -1 when the field limit was reached. Cached: for per-record use.
    /// </summary>
    public int FlatField(string name)
    {
        if (_flat.TryGetValue(name, out var id))
            return id;
        id = IdFor(_map.CanonicalWhole(name), name);
        _flat.Add(name, id);
        return id;
    }

    /// <summary>The canonical id of a name if a record has used it, else -1.</summary>
    public int IdOf(string canonical) => _registry.CanonicalIds.TryGetValue(canonical, out var id) ? id : -1;

    /// <summary>The field ids and names every view of one table shares.</summary>
    private sealed class Registry
    {
        public readonly Dictionary<string, int> CanonicalIds = new(StringComparer.Ordinal);
        public readonly List<string> Names = [];
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
