using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Operator;

/// <summary>
/// Checks an IstioOperator tree the way istioctl's strict unmarshal (unknown fields, wrong JSON types) and
/// validate.CheckIstioOperatorSpec (revision, hub, tag, gateway names, values port/CIDR lists, and validateMeshConfig
/// on spec.meshConfig and spec.values.meshConfig: <see cref="MeshConfigSchemaTable"/>, <see cref="MeshConfigChecks"/>)
/// do, reporting every problem with its file, line and field path.
/// </summary>
internal sealed partial class OperatorValidator
{
    private readonly OperatorSchema _schema;
    private readonly IstioctlRelease _release;
    private readonly string? _source;
    private readonly Func<string, (int Line, int Column)?> _position;
    private readonly List<OperatorIssue> _issues = new();

    private OperatorValidator(OperatorSchema schema, IstioctlRelease? release, string? source, Func<string, (int Line, int Column)?>? position)
    {
        _schema = schema;
        _release = release ?? FirstReleaseOf(schema);
        _source = source;
        _position = position ?? (_ => null);
    }

    /// <summary>
    /// Validates a whole IstioOperator document (apiVersion, kind, metadata, spec) against a release's schema, and its
    /// mesh config with <paramref name="release"/>'s checks (the schema's first release, 1.x.0, when null).
    /// </summary>
    public static List<OperatorIssue> ValidateDocument(OperatorSchema schema, object? root, string? source, Func<string, (int Line, int Column)?>? position, IstioctlRelease? release = null)
    {
        var v = new OperatorValidator(schema, release, source, position);
        v.CheckDocument(root);
        return v._issues;
    }

    /// <summary>Validates a spec tree alone (the merged result) against a release's schema, and <paramref name="release"/>'s mesh config checks (as <see cref="ValidateDocument"/>).</summary>
    public static List<OperatorIssue> ValidateSpec(OperatorSchema schema, Dictionary<string, object?> spec, string? source, IstioctlRelease? release = null)
    {
        var v = new OperatorValidator(schema, release, source, null);
        v.CheckMessage(OperatorSchemaTable.RootMessage, spec, "spec");
        v.CheckSemantics(spec, "spec");
        return v._issues;
    }

    /// <summary>
    /// Validates mesh settings alone (Set-MeshConfig) as istioctl's validateMeshConfig does: field names and types
    /// of MeshConfig in <paramref name="schema"/>'s release (1.18 when null), then <see cref="MeshConfigChecks"/> of
    /// <paramref name="release"/> (the schema's first release, 1.x.0, when null). Paths start with <paramref name="path"/>.
    /// </summary>
    public static List<OperatorIssue> ValidateMeshConfig(Dictionary<string, object?> mesh, string path, string? source, OperatorSchema? schema = null, IstioctlRelease? release = null)
    {
        var v = new OperatorValidator(schema ?? OperatorSchema.Default, release, source, null);
        v.CheckMessage(MeshConfigSchemaTable.RootMessage, mesh, path);
        v.CheckMeshSemantics(mesh, path);
        return v._issues;
    }

    // Given a schema alone, the checks are those of its minor's first release (1.x.0); a schema for a release past
    // 1.x (its minor int.MaxValue) takes the rules of 2.0.0, which are the newest rules.
    private static IstioctlRelease FirstReleaseOf(OperatorSchema schema) =>
        IstioctlRelease.For(IstioVersion.Parse(schema.Minor == int.MaxValue ? "2.0.0" : "1." + schema.Minor.ToString(CultureInfo.InvariantCulture) + ".0"));

    private void Add(string id, string path, string message, bool warning = false)
    {
        var pos = _position(path) ?? NearestPosition(path);
        _issues.Add(new OperatorIssue(id, message, _source, pos?.Line ?? 0, pos?.Column ?? 0, path) { IsWarning = warning });
    }

    // A missing node (e.g. a value that was null) reports at its closest ancestor that has a position.
    private (int Line, int Column)? NearestPosition(string path)
    {
        for (var p = path; p.Length > 0;)
        {
            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0) return _position("");
            p = p[..cut];
            var pos = _position(p);
            if (pos != null) return pos;
        }
        return null;
    }

    private void CheckDocument(object? root)
    {
        if (root is not Dictionary<string, object?> doc)
        {
            Add("IstioOperatorInvalid", "", $"the document is {Describe(root)}, not an IstioOperator map; expected apiVersion: install.istio.io/v1alpha1, kind: IstioOperator, spec: ...");
            return;
        }
        doc.TryGetValue("kind", out var kind);
        if (kind is not "IstioOperator")
            Add("IstioOperatorInvalid", "kind", $"kind is {(kind == null ? "missing" : "\"" + GoText.Sprint(kind) + "\"")}; an IstioOperator file must say kind: IstioOperator");
        doc.TryGetValue("apiVersion", out var apiVersion);
        if (apiVersion != null && apiVersion is not "install.istio.io/v1alpha1")
            Add("IstioOperatorInvalid", "apiVersion", $"apiVersion \"{GoText.Sprint(apiVersion)}\" is not supported; use apiVersion: install.istio.io/v1alpha1");
        foreach (var (key, value) in doc)
        {
            switch (key)
            {
                case "apiVersion" or "kind" or "status":
                    break;
                case "metadata":
                    CheckMetadata(value);
                    break;
                case "spec":
                    if (value == null) break;
                    if (value is not Dictionary<string, object?> spec)
                    {
                        Add("IstioOperatorWrongType", "spec", $"spec is {Describe(value)}; it must be a map");
                        break;
                    }
                    CheckMessage(OperatorSchemaTable.RootMessage, spec, "spec");
                    CheckSemantics(spec, "spec");
                    break;
                default:
                    Add("IstioOperatorUnknownField", Child("", key), $"unknown field \"{key}\" at the top of the IstioOperator; allowed: apiVersion, kind, metadata, spec");
                    break;
            }
        }
    }

    private void CheckMetadata(object? value)
    {
        if (value == null) return;
        if (value is not Dictionary<string, object?> meta)
        {
            Add("IstioOperatorWrongType", "metadata", $"metadata is {Describe(value)}; it must be a map");
            return;
        }
        foreach (var field in new[] { "name", "namespace" })
        {
            if (meta.TryGetValue(field, out var v) && v != null && v is not string)
                Add("IstioOperatorWrongType", "metadata." + field, $"metadata.{field} is {Describe(v)}; it must be a string");
        }
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (!meta.TryGetValue(field, out var v) || v == null) continue;
            if (v is not Dictionary<string, object?> m)
                Add("IstioOperatorWrongType", "metadata." + field, $"metadata.{field} is {Describe(v)}; it must be a map of strings");
            else
                foreach (var (k, s) in m.Where(e => e.Value is not string and not null))
                    Add("IstioOperatorWrongType", Child("metadata." + field, k), $"metadata.{field}.{k} is {Describe(s)}; it must be a string (quote it)");
        }
    }

    private void CheckMessage(string message, Dictionary<string, object?> map, string path)
    {
        foreach (var (key, value) in map)
        {
            var childPath = Child(path, key);
            if (!_schema.TryGetField(message, key, out var type))
            {
                var suggestion = _schema.SuggestField(message, key);
                var what = $"unknown field \"{key}\" at {Display(path)}{(suggestion == null ? "" : $" (did you mean \"{suggestion}\"?)")}";
                if (_schema.UnknownValuesAreAccepted && IsUnderValues(childPath) && !OperatorSchema.IsMeshMessage(message))
                    Add("IstioOperatorUnknownValuesField", childPath, what + $"; istioctl 1.{_schema.Minor} passes it to the charts unchecked, so check its spelling", warning: true);
                else if (OperatorSchema.IsMeshMessage(message) && !_schema.MeshConfigIsExact)
                    Add("IstioOperatorUnknownMeshConfigField", childPath,
                        what + $"; istioctl 1.{_schema.Minor} ignores mesh config fields it does not know, so it is passed on: check its spelling", warning: true);
                else if (OperatorSchema.IsMeshMessage(message) && MeshConfigSchemaChanges.AddedIn(message, key) is { } since && since > _schema.Minor)
                    Add("IstioOperatorUnknownField", childPath,
                        what + $"; Istio 1.{since} added it, and these are Istio 1.{_schema.Minor}'s rules: install a release that has it, or remove it");
                else
                    Add("IstioOperatorUnknownField", childPath, what + $"; allowed: {string.Join(", ", _schema.FieldNames(message))}");
                continue;
            }
            CheckValue(type, value, childPath);
        }
    }

    private static bool IsUnderValues(string path) => path.StartsWith("spec.values.", StringComparison.Ordinal);

    private void CheckValue(SchemaType type, object? value, string path)
    {
        if (value == null) return; // protojson treats null as "not set"
        using var nesting = NestingGuard.EnterIf(value is Dictionary<string, object?> or List<object?>);
        var ok = type.Kind switch
        {
            "string" => value is string,
            "bool" => value is bool,
            // jsonpb decodes a quoted number too, and fails past the proto type's range.
            "int" => IsInteger(value, int.MinValue, int.MaxValue),
            "uint" => IsInteger(value, 0, uint.MaxValue),
            "int64" => IsInteger(value, long.MinValue, long.MaxValue),
            "uint64" => IsInteger(value, 0, ulong.MaxValue),
            "float" => value is double or int or long || value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "enum" when type.Message != null => value is string || IsInteger(value, int.MinValue, int.MaxValue),
            "enum" => value is string or double or int or long,
            "duration" => value is string,
            "intorstr" => value is string or double or int or long,
            "struct" or "object" => value is Dictionary<string, object?>,
            "map" or "mapof" => value is Dictionary<string, object?>,
            "list" => value is List<object?>,
            "msg" => value is Dictionary<string, object?>,
            _ => true,
        };
        if (!ok)
        {
            Add("IstioOperatorWrongType", path, $"{Display(path)} is {Describe(value)}; it must be {type.Describe()}");
            return;
        }
        switch (type.Kind)
        {
            case "msg":
                CheckMessage(type.Message!, (Dictionary<string, object?>)value, path);
                break;
            case "map":
                foreach (var (k, v) in (Dictionary<string, object?>)value)
                    if (v != null && v is not string)
                        Add("IstioOperatorWrongType", Child(path, k), $"{Display(Child(path, k))} is {Describe(v)}; it must be a string (quote it)");
                break;
            case "mapof":
                foreach (var (k, v) in (Dictionary<string, object?>)value)
                    CheckValue(type.Item!, v, Child(path, k));
                break;
            case "enum" when type.Message != null && value is string name:
                CheckEnumName(type.Message, name, path);
                break;
            case "duration":
                if (!Templating.Functions.GoDuration.TryParse((string)value, out _, out var error))
                    Add("IstioOperatorInvalidValue", path, $"{Display(path)}: \"{value}\" is not a duration ({error}); write one such as \"10s\", \"1m30s\" or \"500ms\"");
                break;
            case "list":
                var list = (List<object?>)value;
                for (var i = 0; i < list.Count; i++)
                {
                    var itemPath = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    if (list[i] == null)
                    {
                        // jsonpb turns a null item of a MeshConfig list into an empty message or a zero value.
                        if (type.Item!.Kind is "object" || type.Item.Kind == "msg" && !OperatorSchema.IsMeshMessage(type.Item.Message!))
                            Add("IstioOperatorWrongType", itemPath, $"{Display(itemPath)} is empty; each item must be {type.Item.Describe()}");
                        continue;
                    }
                    CheckValue(type.Item!, list[i], itemPath);
                }
                break;
        }
    }

    private static bool IsInteger(object value, decimal min, decimal max)
    {
        decimal d;
        switch (value)
        {
            case double x when !double.IsFinite(x) || Math.Floor(x) != x || Math.Abs(x) > 1e20: return false;
            case double x: d = (decimal)x; break;
            case int x: d = x; break;
            case long x: d = x; break;
            case string s when decimal.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed): d = parsed; break;
            default: return false;
        }
        return d >= min && d <= max;
    }

    // jsonpb takes an enum by its exact name (or number).
    private void CheckEnumName(string enumName, string name, string path)
    {
        var names = _schema.EnumValues(enumName);
        if (names.Contains(name, StringComparer.Ordinal)) return;
        var suggestion = OperatorSchema.Suggest(names, name);
        // A value a later release added: name that release, as an unknown field of a later release does.
        var later = MeshConfigSchemaChanges.EnumValueAddedIn(enumName, name) is { } since && since > _schema.Minor
            ? $"; Istio 1.{since} added it, and these are Istio 1.{_schema.Minor}'s rules" : "";
        Add("IstioOperatorInvalidValue", path,
            $"{Display(path)}: \"{name}\" is not a valid value{(suggestion == null ? "" : $" (did you mean \"{suggestion}\"?)")}{later}; allowed: {string.Join(", ", names)} (names are case-sensitive)");
    }

    // validate.CheckIstioOperatorSpec's field validations.
    private void CheckSemantics(Dictionary<string, object?> spec, string path)
    {
        if (spec.TryGetValue("revision", out var rev) && rev is string revision && revision.Length > 0 && !IsDns1123Label(revision))
            Add("RevisionInvalid", Child(path, "revision"),
                $"invalid revision specified: \"{revision}\"; a revision must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit (e.g. 1-18-5)");
        if (spec.TryGetValue("hub", out var hub) && hub is string hubText && hubText.Length > 0 && !ReferenceRegex.IsMatch(hubText))
            Add("HubInvalid", Child(path, "hub"), $"invalid value {Display(Child(path, "hub"))}: {hubText}; a hub is an image repository such as docker.io/istio");
        if (spec.TryGetValue("tag", out var tag) && tag is string tagText && !FullMatch(TagRegex, tagText))
            Add("TagInvalid", Child(path, "tag"), $"invalid value {Display(Child(path, "tag"))}: {tagText}; a tag is letters, digits, '_', '.' or '-' (at most 128)");
        if (spec.TryGetValue("components", out var comps) && comps is Dictionary<string, object?> components)
        {
            foreach (var gwKey in new[] { "ingressGateways", "egressGateways" })
            {
                if (!components.TryGetValue(gwKey, out var gws) || gws is not List<object?> list) continue;
                for (var i = 0; i < list.Count; i++)
                {
                    var itemPath = Child(Child(path, "components"), gwKey) + "[" + i + "]";
                    if (list[i] is not Dictionary<string, object?> gw) continue;
                    gw.TryGetValue("name", out var gwName);
                    var nameText = gwName as string ?? "";
                    // istioctl's regex accepts "" too, then renders objects without a name; we stop here instead.
                    if (nameText.Length == 0 || !FullMatch(ObjectNameRegex, nameText))
                        Add("GatewayNameInvalid", Child(itemPath, "name"),
                            $"invalid value {Display(Child(itemPath, "name"))}: \"{nameText}\"; every gateway needs a name of lower-case letters, digits, '.' or '-'");
                }
            }
        }
        if (spec.TryGetValue("values", out var vals) && vals is Dictionary<string, object?> values)
        {
            CheckValuesSemantics(values, Child(path, "values"));
            // validate.DefaultValuesValidations runs validateMeshConfig on values.meshConfig as well.
            if (values.GetValueOrDefault("meshConfig") is Dictionary<string, object?> valuesMesh)
                CheckMeshSemantics(valuesMesh, Child(Child(path, "values"), "meshConfig"));
        }
        if (spec.GetValueOrDefault("meshConfig") is Dictionary<string, object?> mesh)
            CheckMeshSemantics(mesh, Child(path, "meshConfig"));
    }

    private void CheckMeshSemantics(Dictionary<string, object?> mesh, string path) =>
        MeshConfigChecks.Check(mesh, path, _release, (at, message) => Add("IstioOperatorInvalidValue", at, Display(at) + ": " + message));

    // validate.ValuesValidations: the proxy's IP range and port lists.
    private void CheckValuesSemantics(Dictionary<string, object?> values, string path)
    {
        if (TreeOps.FindMap(values, "global.proxy") is not { } proxy) return;
        var proxyPath = path + ".global.proxy";
        foreach (var field in new[] { "includeIPRanges", "excludeIPRanges" })
        {
            if (!proxy.TryGetValue(field, out var v) || v is not string s || s.Length == 0) continue;
            foreach (var part in s.Split(',').Select(p => p.Trim()))
                if (part != "*" && !IsCidr(part))
                    Add("IstioOperatorInvalidValue", Child(proxyPath, field), $"{Display(Child(proxyPath, field))}: \"{part}\" is not a CIDR range (e.g. 10.0.0.0/8) or *");
        }
        foreach (var field in new[] { "includeInboundPorts", "excludeInboundPorts", "excludeOutboundPorts" })
        {
            if (!proxy.TryGetValue(field, out var v) || v is not string s || s.Length == 0) continue;
            foreach (var part in s.Split(',').Select(p => p.Trim()))
                if (part != "*" && !(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port >= 0 && port <= 65535))
                    Add("IstioOperatorInvalidValue", Child(proxyPath, field), $"{Display(Child(proxyPath, field))}: \"{part}\" is not a port number (0-65535) or *");
        }
    }

    private static bool IsCidr(string s)
    {
        var slash = s.IndexOf('/');
        if (slash < 0) return false;
        if (!IPAddress.TryParse(s[..slash], out var ip)) return false;
        var max = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
        return int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits <= max;
    }

    internal static bool IsDns1123Label(string s) => s.Length <= 63 && Dns1123Label.IsMatch(s);

    // Source-generated: built at compile time rather than parsed at type initialisation in every session (every
    // render validates its IstioOperator, bench/README.md "Import and first render").
    private static readonly Regex Dns1123Label = Dns1123LabelPattern();
    private static readonly Regex TagRegex = TagPattern();
    private static readonly Regex ObjectNameRegex = ObjectNamePattern();

    // The docker reference grammar istioctl validates hubs with (operator/pkg/validate/common.go ReferenceRegexp).
    private static readonly Regex ReferenceRegex = ReferencePattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123LabelPattern();

    [GeneratedRegex(ReferenceTag, RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("[a-z0-9.-]{1,254}", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectNamePattern();

    private const string AlphaNumeric = "[a-z0-9]+";
    private const string Separator = "(?:[._]|__|[-]*)";
    private const string NameComponent = AlphaNumeric + "(?:" + Separator + AlphaNumeric + ")*";
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string Domain = DomainComponent + @"(?:\." + DomainComponent + ")*(?::[0-9]+)?";
    private const string ReferenceName = "(?:" + Domain + "/)?" + NameComponent + "(?:/" + NameComponent + ")*";
    private const string ReferenceTag = @"[\w][\w.-]{0,127}";
    private const string ReferenceDigest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";

    [GeneratedRegex("^(" + ReferenceName + ")(?::(" + ReferenceTag + "))?(?:@(" + ReferenceDigest + "))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    // Go's FindString is leftmost-first; the value is valid when the first match covers all of it.
    private static bool FullMatch(Regex r, string s)
    {
        var m = r.Match(s);
        return (m.Success ? m.Length : 0) == s.Length && (!m.Success || m.Index == 0);
    }

    internal static string Child(string parent, string key)
    {
        var escaped = key.IndexOfAny(new[] { '.', '\\', '[' }) < 0 ? key : key.Replace("\\", "\\\\").Replace(".", "\\.").Replace("[", "\\[");
        return parent.Length == 0 ? escaped : parent + "." + escaped;
    }

    private static string Display(string path) => path.Length == 0 ? "the top level" : path;

    internal static string Describe(object? v) => v switch
    {
        null => "empty",
        string s => $"the string \"{s}\"",
        bool b => b ? "the boolean true" : "the boolean false",
        double or int or long => "the number " + GoText.Sprint(v),
        Dictionary<string, object?> => "a map",
        List<object?> => "a list",
        _ => "a " + v.GetType().Name,
    };
}
