using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Operator;

/// <summary>
/// The checks of istio's validation.ValidateMeshConfig (pkg/config/validation, pkg/config/validation/agent from 1.22)
/// that catch a person's mistakes, as the istioctl of the release being rendered makes them, applied to the fields a
/// meshConfig map sets; fields left out take istio's defaults, which pass. Implemented: proxyListenPort;
/// connectTimeout (1ms to <see cref="ConnectTimeoutMax"/>, whole ms); protocolDetectionTimeout (0 or whole ms);
/// trustDomain and trustDomainAliases; serviceSettings hosts; meshMTLS.ecdhCurves (not supported); and in
/// defaultConfig: configPath, binaryPath, serviceCluster, drainDuration (at least 1ms, whole seconds, at most
/// <see cref="DrainDurationMax"/>), discoveryAddress and the other proxy addresses (host:port), the zipkin, datadog and
/// lightstep tracers, proxyAdminPort, statusPort, controlPlaneAuthPolicy and privateKeyProvider. Between 1.18.5 and
/// 1.30.3 only those two bounds changed what passes (the rest differs in names and wording); each release gets its own.
/// Not checked: localityLbSetting, tracing TLS settings, and what istio only warns about (tlsDefaults.ecdhCurves,
/// extension providers). Values of the wrong type are left to the type check.
/// </summary>
internal static class MeshConfigChecks
{
    private const long Millisecond = GoDuration.Millisecond, Second = GoDuration.Second, Hour = GoDuration.Hour;

    /// <summary>
    /// The most connectTimeout may be (connectTimeoutMax, ValidateDurationRange): 30s up to 1.21.1; 1h from 1.22.0
    /// (istio/istio#50391), which release-1.20 and release-1.21 took in 1.20.6 and 1.21.2. 1.18 and 1.19 stayed at 30s.
    /// </summary>
    internal static long ConnectTimeoutMax(IstioctlRelease release)
    {
        var raised = release.AtLeast(1, 22) || release.InMinorFrom("1.21.2") || release.InMinorFrom("1.20.6");
        return raised ? Hour : 30 * Second;
    }

    /// <summary>
    /// The most defaultConfig.drainDuration may be (drainTimeMax in ValidateDrainDuration): 1h up to 1.21 (every 1.21
    /// patch); none from 1.22.0 (istio/istio#50508 removed the bound, not backported).
    /// </summary>
    internal static long? DrainDurationMax(IstioctlRelease release) => release.AtLeast(1, 22) ? null : Hour;

    /// <summary>Reports each problem as (field path, message), by the rules of <paramref name="release"/>'s istioctl.</summary>
    public static void Check(Dictionary<string, object?> mesh, string path, IstioctlRelease release, Action<string, string> report)
    {
        if (Field(mesh, "proxy_listen_port") is { } listen) CheckPort(listen, path, "proxy listen port", report);
        if (Field(mesh, "connect_timeout") is { } connect && Duration(connect.Value) is { } ct)
        {
            var max = ConnectTimeoutMax(release);
            var problem = DurationProblem(ct) ?? (ct > max ? "it must be at most " + Bound(max) : null);
            if (problem != null) report(Child(path, connect.Key), $"invalid connect timeout {Quote(connect.Value)}: {problem}");
        }
        if (Field(mesh, "protocol_detection_timeout") is { } detect && Duration(detect.Value) is { } dt && dt != 0 && dt % Millisecond != 0)
            report(Child(path, detect.Key), $"invalid protocol detection timeout {Quote(detect.Value)}: only whole milliseconds are supported (0s turns it off)");

        if (Field(mesh, "trust_domain") is { Value: string trustDomain } td && TrustDomainProblem(trustDomain) is { } tdProblem)
            report(Child(path, td.Key), tdProblem);
        if (Field(mesh, "trust_domain_aliases") is { Value: List<object?> aliases } tda)
            for (var i = 0; i < aliases.Count; i++)
                if (aliases[i] is string alias && TrustDomainProblem(alias) is { } aliasProblem)
                    report(Index(Child(path, tda.Key), i), aliasProblem);

        if (Field(mesh, "service_settings") is { Value: List<object?> settings } ss)
            for (var i = 0; i < settings.Count; i++)
                if (settings[i] is Dictionary<string, object?> setting && Field(setting, "hosts") is { Value: List<object?> hosts } h)
                    for (var j = 0; j < hosts.Count; j++)
                        if (hosts[j] is string host && WildcardDomainProblem(host) is { } hostProblem)
                            report(Index(Child(Index(Child(path, ss.Key), i), h.Key), j), $"host \"{host}\": {hostProblem}");

        if (Field(mesh, "mesh_mTLS") is { Value: Dictionary<string, object?> mtls } m
            && Field(mtls, "ecdh_curves") is { Value: List<object?> { Count: > 0 } } curves)
            report(Child(Child(path, m.Key), curves.Key), "mesh TLS does not support ECDH curves configuration; set them in tlsDefaults.ecdhCurves instead");

        if (Field(mesh, "default_config") is { Value: Dictionary<string, object?> proxy } dc)
            CheckProxyConfig(proxy, Child(path, dc.Key), release, report);
    }

    // ValidateMeshConfigProxyConfig, on defaultConfig as MergeProxyConfig lays it over DefaultProxyConfig.
    private static void CheckProxyConfig(Dictionary<string, object?> proxy, string path, IstioctlRelease release, Action<string, string> report)
    {
        foreach (var (field, what) in new[] { ("config_path", "config path"), ("binary_path", "binary path") })
            if (Field(proxy, field) is { Value: "" } empty) report(Child(path, empty.Key), $"the {what} must be set (leave it out for istio's default)");
        // A oneof: jsonpb keeps the member declared last, so tracingServiceName wins over serviceCluster.
        if (Field(proxy, "service_cluster") is { Value: "" } cluster && Field(proxy, "tracing_service_name") == null)
            report(Child(path, cluster.Key), "the service cluster must not be empty (leave it out, or set tracingServiceName)");

        if (Field(proxy, "drain_duration") is { } drain && Duration(drain.Value) is { } dd)
        {
            var max = DrainDurationMax(release);
            var problem = DurationProblem(dd) ?? (dd % Second != 0 ? "only whole seconds are supported" : dd > max ? "it must be at most " + Bound(max.Value) : null);
            if (problem != null) report(Child(path, drain.Key), $"invalid drain duration {Quote(drain.Value)}: {problem}");
        }

        if (Field(proxy, "discovery_address") is { Value: string discovery } da)
        {
            if (discovery.Length == 0) report(Child(path, da.Key), "the discovery address must be set to the proxy discovery service (e.g. istiod.istio-system.svc:15012)");
            else CheckAddress(discovery, Child(path, da.Key), "discovery address", report);
        }
        foreach (var (field, what) in new[] { ("statsd_udp_address", "statsd UDP address"), ("envoy_metrics_service_address", "envoy metrics service address") })
            if (Field(proxy, field) is { Value: string { Length: > 0 } address } a) CheckAddress(address, Child(path, a.Key), what, report);
        foreach (var (field, what) in new[] { ("envoy_metrics_service", "envoy metrics service address"), ("envoy_access_log_service", "envoy access log service address") })
            if (Field(proxy, field) is { Value: Dictionary<string, object?> service } s && Field(service, "address") is { Value: string { Length: > 0 } address } a)
                CheckAddress(address, Child(Child(path, s.Key), a.Key), what, report);

        if (Field(proxy, "tracing") is { Value: Dictionary<string, object?> tracing } t) CheckTracer(tracing, Child(path, t.Key), report);

        if (Field(proxy, "proxy_admin_port") is { } admin) CheckPort(admin, path, "proxy admin port", report);
        if (Field(proxy, "status_port") is { } status) CheckPort(status, path, "status port", report);
        // A name or number of the enum that is not NONE (0) or MUTUAL_TLS (1); other values fail the type check.
        if (Field(proxy, "control_plane_auth_policy") is { } policy
            && (policy.Value is string name ? name is not ("NONE" or "MUTUAL_TLS") && OperatorSchema.EnumNames("mesh.AuthenticationPolicy").Contains(name)
                : Integer(policy.Value) is { } number && number is not (0 or 1)))
            report(Child(path, policy.Key), $"control plane auth policy {Quote(policy.Value)} is not supported; use NONE or MUTUAL_TLS");

        if (Field(proxy, "private_key_provider") is { Value: Dictionary<string, object?> provider } pkp)
            CheckPrivateKeyProvider(provider, Child(path, pkp.Key), report);
    }

    private static void CheckTracer(Dictionary<string, object?> tracing, string path, Action<string, string> report)
    {
        // The tracer oneof: the member declared last among those given is the one istio keeps.
        var tracer = new[] { "zipkin", "lightstep", "datadog", "stackdriver", "open_census_agent" }
            .Select(f => Field(tracing, f)).LastOrDefault(f => f is { Value: Dictionary<string, object?> });
        if (tracer is not { Value: Dictionary<string, object?> settings } chosen) return;
        var tracerPath = Child(path, chosen.Key);
        var address = Field(settings, "address");
        var addressPath = Child(tracerPath, address?.Key ?? "address");
        var addressText = address?.Value as string ?? "";
        switch (chosen.Key)
        {
            case "zipkin" or "datadog":
                // istio checks the address with $(HOST_IP) standing for an IP address.
                CheckAddress(ReplaceFirst(addressText, "$(HOST_IP)", "127.0.0.1"), addressPath, chosen.Key + " address", report, shown: addressText);
                break;
            case "lightstep":
                if (addressText.Length == 0) report(addressPath, "the lightstep address is required");
                else CheckAddress(addressText, addressPath, "lightstep address", report);
                if (Field(settings, "access_token") is not { Value: string { Length: > 0 } })
                    report(Child(tracerPath, "accessToken"), "the lightstep access token is required");
                break;
        }
    }

    private static void CheckPrivateKeyProvider(Dictionary<string, object?> provider, string path, Action<string, string> report)
    {
        var chosen = new[] { "cryptomb", "qat" }.Select(f => Field(provider, f)).LastOrDefault(f => f is { Value: Dictionary<string, object?> });
        if (chosen is not { Value: Dictionary<string, object?> settings })
        {
            report(path, "a private key provider needs its configuration: cryptomb or qat, each with a pollDelay");
            return;
        }
        var delay = Field(settings, "poll_delay");
        var delayPath = Child(Child(path, chosen.Value.Key), delay?.Key ?? "pollDelay");
        if (delay?.Value == null) report(delayPath, "pollDelay is required");
        else if (Duration(delay.Value.Value) == 0) report(delayPath, "pollDelay must not be zero");
    }

    private static void CheckPort(KeyValuePair<string, object?> field, string path, string what, Action<string, string> report)
    {
        if (Integer(field.Value) is { } port && (port < 1 || port > 65535))
            report(Child(path, field.Key), $"invalid {what} {port}: a port number must be in the range 1..65535");
    }

    // ValidateProxyAddress: host:port, the port 1..65535, the host a domain name or an IP address.
    private static void CheckAddress(string address, string path, string what, Action<string, string> report, string? shown = null)
    {
        var problem = AddressProblem(address);
        if (problem != null) report(path, $"invalid {what} \"{shown ?? address}\": {problem}; write it as host:port, e.g. name.namespace.svc:port");
    }

    internal static string? AddressProblem(string address)
    {
        if (SplitHostPort(address) is not var (host, portText)) return "it is not host:port";
        if (!int.TryParse(portText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var port)) return $"port \"{portText}\" is not a number";
        if (port < 1 || port > 65535) return $"port number {port} must be in the range 1..65535";
        if (DomainProblem(host) == null || IsIpAddress(host)) return null;
        return $"\"{host}\" is not a valid hostname or an IP address";
    }

    // net.SplitHostPort: the last ':' splits; a bracketed host may hold colons, an unbracketed one may not.
    private static (string Host, string Port)? SplitHostPort(string s)
    {
        var colon = s.LastIndexOf(':');
        if (colon < 0) return null;
        string host;
        int afterHost;
        if (s.StartsWith('['))
        {
            var end = s.IndexOf(']');
            if (end < 0 || end + 1 != colon) return null;
            host = s[1..end];
            afterHost = end + 1;
            if (s.IndexOf('[', 1) >= 0) return null;
        }
        else
        {
            host = s[..colon];
            afterHost = 0;
            if (host.Contains(':') || host.Contains('[')) return null;
        }
        if (s.IndexOf(']', afterHost) >= 0) return null;
        return (host, s[(colon + 1)..]);
    }

    // netip.ParseAddr: IPv4 in dotted-decimal form or IPv6 (with a zone).
    private static bool IsIpAddress(string s)
    {
        if (s.Contains(':')) return IPAddress.TryParse(s, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var parts = s.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    // ValidateFQDN: at most 255 characters, DNS-1123 labels, a top-level label that is not all digits, a trailing dot allowed.
    private static string? DomainProblem(string domain)
    {
        if (domain.Length > 255) return "the domain name is longer than 255 characters";
        if (domain.Length == 0) return "the domain name is empty";
        var labels = domain.Split('.');
        if (labels[^1].Length > 0 && labels[^1].All(char.IsAsciiDigit)) return $"the top-level domain \"{labels[^1]}\" cannot be all digits";
        for (var i = 0; i < labels.Length; i++)
        {
            if (i == labels.Length - 1 && labels[i].Length == 0) return null;
            if (!IsDns1123Label(labels[i])) return $"label \"{labels[i]}\" is not a DNS-1123 label";
        }
        return null;
    }

    // ValidateWildcardDomain: like a domain name, but the first label may be "*" or start with "*" or "*-".
    private static string? WildcardDomainProblem(string domain)
    {
        if (domain.Length > 255) return "the domain name is longer than 255 characters";
        if (domain.Length == 0) return "the domain name is empty";
        var dot = domain.IndexOf('.');
        var first = dot < 0 ? domain : domain[..dot];
        if (first.Length > 63 || !WildcardLabel.IsMatch(first)) return $"label \"{first}\" is not a DNS-1123 label or a wildcard such as *.example.com";
        return dot < 0 ? null : DomainProblem(domain[(dot + 1)..]);
    }

    private static string? TrustDomainProblem(string domain)
    {
        if (domain.Length == 0) return "the trust domain must not be empty (leave it out for cluster.local)";
        var labels = domain.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            if (i == labels.Length - 1 && labels[i].Length == 0) return null;
            if (!IsDns1123Label(labels[i])) return $"trust domain name \"{domain}\" is invalid: label \"{labels[i]}\" is not a DNS-1123 label (letters, digits and '-', at most 63)";
        }
        return null;
    }

    // istio's labels.IsDNS1123Label accepts upper-case letters too.
    private static bool IsDns1123Label(string s) => s.Length <= 63 && Dns1123Label.IsMatch(s);

    private const string LabelPattern = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static readonly Regex Dns1123Label = new("^" + LabelPattern + "$", RegexOptions.CultureInvariant);
    private static readonly Regex WildcardLabel = new(@"^(\*|(\*|\*-)?" + LabelPattern + ")$", RegexOptions.CultureInvariant);

    // ValidateDuration: at least 1ms, in whole milliseconds.
    private static string? DurationProblem(long d) =>
        d < Millisecond ? "it must be at least 1ms" : d % Millisecond != 0 ? "only whole milliseconds are supported" : null;

    // A bound as people write it: Go's "1h0m0s" without its zero tail ("1h"), "30s" as it is.
    private static string Bound(long d)
    {
        var text = GoDuration.Format(d);
        if (text.EndsWith("m0s", StringComparison.Ordinal) && text.Length > 3) text = text[..^2];
        if (text.EndsWith("h0m", StringComparison.Ordinal)) text = text[..^2];
        return text;
    }

    private static long? Duration(object? value) => value is string s && GoDuration.TryParse(s, out var d, out _) ? d : null;

    private static long? Integer(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d when Math.Floor(d) == d && Math.Abs(d) < 1e15 => (long)d,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    // A field by its JSON name or proto name; jsonpb reads the proto name first, so the JSON name wins when both are given.
    private static KeyValuePair<string, object?>? Field(Dictionary<string, object?> map, string protoName)
    {
        var jsonName = OperatorSchema.LowerCamel(protoName);
        if (map.TryGetValue(jsonName, out var v) && v != null) return new(jsonName, v);
        if (jsonName != protoName && map.TryGetValue(protoName, out v) && v != null) return new(protoName, v);
        return null;
    }

    private static string Child(string parent, string key) => OperatorValidator.Child(parent, key);

    private static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";

    private static string Quote(object? value) => value is string s ? "\"" + s + "\"" : GoText.Sprint(value);

    private static string ReplaceFirst(string s, string old, string replacement)
    {
        var at = s.IndexOf(old, StringComparison.Ordinal);
        return at < 0 ? s : s[..at] + replacement + s[(at + old.Length)..];
    }
}
