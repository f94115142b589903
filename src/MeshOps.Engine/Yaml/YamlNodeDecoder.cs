using System.Text;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// go-yaml v2's decoder into interface{} (decode.go), followed, in JSON number mode, by sigs.k8s.io/yaml's
/// conversion to JSON-compatible values: non-string keys become strings, every number becomes a float64.
/// Merge keys, aliases (with go-yaml's excessive-aliasing guard) and explicit tags behave as in go-yaml v2.
/// </summary>
internal sealed class YamlNodeDecoder
{
    private readonly YamlReadOptions _options;
    private readonly bool _json;
    private readonly Dictionary<string, (int Line, int Column)>? _positions;
    // Paths are built when something needs them: positions, or the message naming a duplicate key.
    private readonly bool _paths;
    private readonly HashSet<YamlNode> _expanding = new(ReferenceEqualityComparer.Instance);
    private int _decodeCount;
    private int _aliasCount;
    private int _aliasDepth;
    private int _depth;

    public YamlNodeDecoder(YamlReadOptions options)
    {
        _options = options;
        _json = options.NumberMode == YamlNumberMode.Json;
        if (options.TrackPositions) _positions = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        _paths = options.TrackPositions || options.RejectDuplicateKeys;
    }

    public IReadOnlyDictionary<string, (int Line, int Column)>? Positions => _positions;

    public object? Decode(YamlNode root)
    {
        _positions?.TryAdd("", (root.Line, root.Column));
        return DecodeNode(root, "");
    }

    private object? DecodeNode(YamlNode node, string path)
    {
        Count();
        if (node.Kind is YamlNodeKind.Sequence or YamlNodeKind.Mapping)
        {
            // The reader limits how deeply the text nests; aliases can nest anchored collections further (an anchor
            // holding an alias of a deep anchor, and so on), so the decoded value's depth is checked here.
            if (++_depth > Limits.EngineLimits.MaxValueDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
                throw new YamlParseException(_options.SourceName, node.Line, node.Column,
                    $"exceeded max depth of {Limits.EngineLimits.MaxValueDepth}: maps and lists nest more than {Limits.EngineLimits.MaxValueDepth} levels deep once aliases are expanded (MeshOps' limit)",
                    null, YamlParseException.NestingTooDeepId, Hosting.MeshErrorKind.LimitsExceeded);
            try
            {
                return DecodeCollection(node, path);
            }
            finally
            {
                _depth--;
            }
        }
        switch (node.Kind)
        {
            case YamlNodeKind.Alias:
                if (!_expanding.Add(node)) throw Fail(node, $"anchor '{node.Value}' value contains itself");
                _aliasDepth++;
                try
                {
                    return DecodeNode(node.Target!, path);
                }
                finally
                {
                    _aliasDepth--;
                    _expanding.Remove(node);
                }
            case YamlNodeKind.Scalar:
                return DecodeScalar(node);
        }
        throw new InvalidOperationException("unknown YAML node kind " + node.Kind);
    }

    private object? DecodeCollection(YamlNode node, string path)
    {
        switch (node.Kind)
        {
            case YamlNodeKind.Sequence:
            {
                var list = new List<object?>(node.Children!.Count);
                for (var i = 0; i < node.Children.Count; i++)
                {
                    var child = node.Children[i];
                    string itemPath = _paths ? YamlDocument.ItemPath(path, i) : path;
                    if (_positions != null) _positions[itemPath] = (child.Line, child.Column);
                    list.Add(DecodeNode(child, itemPath));
                }
                return list;
            }
            default:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                DecodeMappingInto(node, map, path);
                return map;
            }
        }
    }

    /// <summary>The excessive-aliasing guard of decode.go (unmarshal), so that alias bombs fail instead of exhausting memory.</summary>
    private void Count()
    {
        _decodeCount++;
        if (_aliasDepth > 0) _aliasCount++;
        if (_aliasCount > 100 && _decodeCount > 1000 && (double)_aliasCount / _decodeCount > AllowedAliasRatio(_decodeCount))
        {
            throw new YamlParseException(_options.SourceName, 0, 0, "document contains excessive aliasing");
        }
    }

    private static double AllowedAliasRatio(int decodeCount)
    {
        const int low = 400000, high = 4000000;
        if (decodeCount <= low) return 0.99;
        if (decodeCount >= high) return 0.10;
        return 0.99 - 0.89 * ((double)(decodeCount - low) / (high - low));
    }

    private void DecodeMappingInto(YamlNode node, Dictionary<string, object?> map, string path)
    {
        var children = node.Children!;
        Dictionary<string, int>? seen = _options.RejectDuplicateKeys ? new(StringComparer.Ordinal) : null;
        for (var i = 0; i + 1 < children.Count; i += 2)
        {
            var keyNode = children[i];
            var valueNode = children[i + 1];
            if (IsMerge(keyNode))
            {
                Merge(valueNode, map, path);
                continue;
            }
            var key = DecodeKey(keyNode);
            if (seen != null)
            {
                if (seen.TryGetValue(key, out var firstLine))
                {
                    throw new YamlParseException(_options.SourceName, keyNode.Line, keyNode.Column,
                        $"mapping key \"{key}\" already defined at line {firstLine} (key {YamlDocument.ChildPath(path, key)} appears on lines {firstLine} and {keyNode.Line}); keep only one of them",
                        null, YamlParseException.DuplicateKeyId, Hosting.MeshErrorKind.InvalidData);
                }
                seen[key] = keyNode.Line;
            }
            string childPath = _paths ? YamlDocument.ChildPath(path, key) : path;
            if (_positions != null) _positions[childPath] = (keyNode.Line, keyNode.Column);
            map[key] = DecodeNode(valueNode, childPath);
        }
    }

    private static bool IsMerge(YamlNode n) =>
        n.Kind == YamlNodeKind.Scalar && n.Value == "<<" && (n.Implicit || GoResolver.TagOf(n.Tag) == GoTag.Merge);

    /// <summary>decode.go merge: a mapping, an alias of one, or a sequence of them (earlier ones win).</summary>
    private void Merge(YamlNode value, Dictionary<string, object?> map, string path)
    {
        switch (value.Kind)
        {
            case YamlNodeKind.Mapping:
                Count();
                DecodeMappingInto(value, map, path);
                return;
            case YamlNodeKind.Alias:
                if (value.Target!.Kind != YamlNodeKind.Mapping) throw WantMap(value);
                MergeAlias(value, map, path);
                return;
            case YamlNodeKind.Sequence:
                for (var i = value.Children!.Count - 1; i >= 0; i--)
                {
                    var item = value.Children[i];
                    if (item.Kind == YamlNodeKind.Alias)
                    {
                        if (item.Target!.Kind != YamlNodeKind.Mapping) throw WantMap(item);
                        MergeAlias(item, map, path);
                    }
                    else if (item.Kind == YamlNodeKind.Mapping)
                    {
                        Count();
                        DecodeMappingInto(item, map, path);
                    }
                    else
                    {
                        throw WantMap(item);
                    }
                }
                return;
            default:
                throw WantMap(value);
        }
    }

    private void MergeAlias(YamlNode alias, Dictionary<string, object?> map, string path)
    {
        Count();
        if (!_expanding.Add(alias)) throw Fail(alias, $"anchor '{alias.Value}' value contains itself");
        _aliasDepth++;
        try
        {
            Count();
            DecodeMappingInto(alias.Target!, map, path);
        }
        finally
        {
            _aliasDepth--;
            _expanding.Remove(alias);
        }
    }

    private YamlParseException WantMap(YamlNode n) => Fail(n, "map merge requires map or sequence of maps as the value");

    /// <summary>
    /// A map key as sigs.k8s.io/yaml turns it into a JSON key: strings as they are, ints in decimal, floats with
    /// strconv.FormatFloat(f, 'g', -1, 32), bools as true/false. Null, collection and uint64 keys are errors.
    /// </summary>
    private string DecodeKey(YamlNode keyNode)
    {
        var target = keyNode.Kind == YamlNodeKind.Alias ? keyNode.Target! : keyNode;
        if (target.Kind != YamlNodeKind.Scalar)
        {
            throw Fail(keyNode, "invalid map key: a mapping or sequence cannot be a key");
        }
        var (tag, value) = ResolveScalar(target);
        switch (value)
        {
            case string s:
                return s;
            case long l:
                return l.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case bool b:
                return b ? "true" : "false";
            case double d:
            {
                var s = GoNumbers.FormatG(d, float32: true);
                return s switch { "+Inf" => ".inf", "-Inf" => "-.inf", "NaN" => ".nan", _ => s };
            }
            case null:
                throw Fail(keyNode, "unsupported map key of type <nil>: a null key cannot become a JSON object key");
            default:
                throw Fail(keyNode, $"unsupported map key of type {(tag == GoTag.Int ? "uint64" : value.GetType().Name)}, key: {target.Value}");
        }
    }

    /// <summary>decode.go scalar() into interface{}: (tag, value) with long/ulong/double/bool/string/null.</summary>
    private (GoTag Tag, object? Value) ResolveScalar(YamlNode n)
    {
        if (n.Tag.Length == 0 && !n.Implicit) return (GoTag.Str, n.Value);
        (GoTag Tag, object? Value) resolved;
        try
        {
            resolved = GoResolver.Resolve(n.Tag.Length == 0 ? null : GoResolver.TagOf(n.Tag), n.Value);
        }
        catch (FormatException ex)
        {
            throw Fail(n, ex.Message);
        }
        switch (resolved.Tag)
        {
            case GoTag.Binary:
                try
                {
                    var bytes = Convert.FromBase64String(n.Value);
                    return (GoTag.Str, new UTF8Encoding(false, false).GetString(bytes));
                }
                catch (FormatException)
                {
                    throw Fail(n, "!!binary value contains invalid base64 data");
                }
            case GoTag.Timestamp:
            case GoTag.Merge:
            case GoTag.Other:
                // Timestamps stay strings in interface{} (go-yaml v2 keeps them so for compatibility).
                return (GoTag.Str, n.Value);
            default:
                return resolved;
        }
    }

    private object? DecodeScalar(YamlNode n)
    {
        var (_, value) = ResolveScalar(n);
        switch (value)
        {
            case long l:
                if (_json) return (double)l;
                return l >= int.MinValue && l <= int.MaxValue ? (object)(int)l : l;
            case ulong u:
                return (double)u;
            case double d:
                if (_json && (double.IsNaN(d) || double.IsInfinity(d)))
                {
                    throw Fail(n, "json: unsupported value: " + GoNumbers.FormatG(d));
                }
                return d;
            default:
                return value;
        }
    }

    private YamlParseException Fail(YamlNode n, string what) => new(_options.SourceName, n.Line, n.Column, what);
}
