namespace MeshOps.Engine.Operator;

/// <summary>
/// How each minor release's MeshConfig tree differs from the one before it, over <see cref="MeshConfigSchemaTable"/>
/// (1.18): read from istio.io/api (mesh/v1alpha1 and the networking messages it uses) at the version each minor's
/// latest tag pins in istio's go.mod (1.19.10, 1.20.8, 1.21.6, 1.22.8, 1.23.6, 1.24.6, 1.25.5, 1.26.8, 1.27.9,
/// 1.28.10, 1.29.6, 1.30.3). Messages: each entry adds or retypes fields of a message ("field=type ...", the table's
/// syntax), creating the message when it is new. Enums: the value names of a new or changed enum, in number order.
/// Nothing was removed from MeshConfig in these releases (istio.io/api keeps deprecated fields).
/// </summary>
internal static class MeshConfigSchemaChanges
{
    private static readonly (string Enum, string Values)[] NoEnums = [];

    public static readonly IReadOnlyList<(int Minor, (string Message, string Fields)[] Messages, (string Enum, string Values)[] Enums)> ByMinor =
        new (int, (string, string)[], (string, string)[])[]
    {
        (19, new[]
        {
            ("mesh.ProxyConfig", "proxy_headers=msg:mesh.ProxyConfig.ProxyHeaders"),
            ("mesh.MeshConfig.TLSConfig", "cipher_suites=list:string"),
            ("mesh.Topology", "forward_client_cert_details=enum:mesh.ForwardClientCertDetails proxy_protocol=msg:mesh.Topology.ProxyProtocolConfiguration"),
            ("mesh.ProxyConfig.ProxyHeaders", "forwarded_client_cert=enum:mesh.ForwardClientCertDetails request_id=msg:mesh.ProxyConfig.ProxyHeaders.RequestId server=msg:mesh.ProxyConfig.ProxyHeaders.Server attempt_count=msg:mesh.ProxyConfig.ProxyHeaders.AttemptCount envoy_debug_headers=msg:mesh.ProxyConfig.ProxyHeaders.EnvoyDebugHeaders metadata_exchange_headers=msg:mesh.ProxyConfig.ProxyHeaders.MetadataExchangeHeaders"),
            ("mesh.Topology.ProxyProtocolConfiguration", ""),
            ("mesh.ProxyConfig.ProxyHeaders.RequestId", "disabled=bool"),
            ("mesh.ProxyConfig.ProxyHeaders.Server", "disabled=bool value=string"),
            ("mesh.ProxyConfig.ProxyHeaders.AttemptCount", "disabled=bool"),
            ("mesh.ProxyConfig.ProxyHeaders.EnvoyDebugHeaders", "disabled=bool"),
            ("mesh.ProxyConfig.ProxyHeaders.MetadataExchangeHeaders", "mode=enum:mesh.ProxyConfig.ProxyHeaders.MetadataExchangeMode"),
        }, new[]
        {
            ("mesh.ForwardClientCertDetails", "UNDEFINED SANITIZE FORWARD_ONLY APPEND_FORWARD SANITIZE_SET ALWAYS_FORWARD_ONLY"),
            ("mesh.ProxyConfig.ProxyHeaders.MetadataExchangeMode", "UNDEFINED IN_MESH"),
        }),
        (21, new[]
        {
            ("mesh.PrivateKeyProvider.CryptoMb", "fallback=bool"),
            ("mesh.PrivateKeyProvider.QAT", "fallback=bool"),
        }, NoEnums),
        (22, new[]
        {
            ("mesh.MeshConfig", "inbound_traffic_policy=msg:mesh.MeshConfig.InboundTrafficPolicy"),
            ("mesh.MeshConfig.InboundTrafficPolicy", "mode=enum:mesh.MeshConfig.InboundTrafficPolicy.Mode"),
            ("networking.ClientTLSSettings", "ca_crl=string"),
            ("mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider", "http=msg:mesh.MeshConfig.ExtensionProvider.HttpService resource_detectors=msg:mesh.MeshConfig.ExtensionProvider.ResourceDetectors dynatrace_sampler=msg:mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler"),
            ("mesh.MeshConfig.ExtensionProvider.HttpService", "path=string timeout=duration headers=list:msg:mesh.MeshConfig.ExtensionProvider.HttpHeader"),
            ("mesh.MeshConfig.ExtensionProvider.ResourceDetectors", "environment=msg:mesh.MeshConfig.ExtensionProvider.ResourceDetectors.EnvironmentResourceDetector dynatrace=msg:mesh.MeshConfig.ExtensionProvider.ResourceDetectors.DynatraceResourceDetector"),
            ("mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler", "tenant=string cluster_id=int root_spans_per_minute=uint http_service=msg:mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler.DynatraceApi"),
            ("mesh.MeshConfig.ExtensionProvider.HttpHeader", "name=string value=string"),
            ("mesh.MeshConfig.ExtensionProvider.ResourceDetectors.EnvironmentResourceDetector", ""),
            ("mesh.MeshConfig.ExtensionProvider.ResourceDetectors.DynatraceResourceDetector", ""),
            ("mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider.DynatraceSampler.DynatraceApi", "service=string port=uint http=msg:mesh.MeshConfig.ExtensionProvider.HttpService"),
        }, new[]
        {
            ("mesh.MeshConfig.InboundTrafficPolicy.Mode", "PASSTHROUGH LOCALHOST"),
        }),
        (24, new[]
        {
            ("mesh.ProxyConfig.ProxyHeaders", "set_current_client_cert_details=msg:mesh.ProxyConfig.ProxyHeaders.SetCurrentClientCertDetails"),
            ("mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider", "path=string"),
            ("mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider", "grpc=msg:mesh.MeshConfig.ExtensionProvider.GrpcService"),
            ("mesh.ProxyConfig.ProxyHeaders.SetCurrentClientCertDetails", "subject=bool cert=bool chain=bool dns=bool uri=bool"),
            ("mesh.MeshConfig.ExtensionProvider.GrpcService", "timeout=duration initial_metadata=list:msg:mesh.MeshConfig.ExtensionProvider.HttpHeader"),
        }, NoEnums),
        (25, new[]
        {
            ("mesh.Tracing", "enable_istio_tags=bool"),
            ("networking.ReadinessProbe", "grpc=msg:networking.GrpcHealthCheckConfig"),
            ("mesh.ProxyConfig.ProxyHeaders", "preserve_http1_header_case=bool"),
            ("mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider", "clear_route_cache=bool"),
            ("mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationGrpcProvider", "clear_route_cache=bool"),
            ("networking.GrpcHealthCheckConfig", "port=uint service=string"),
        }, NoEnums),
        (26, new[]
        {
            ("networking.HTTPRetry", "retry_ignore_previous_hosts=bool backoff=duration"),
            ("mesh.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider", "omit_empty_values=bool"),
            ("mesh.MeshConfig.ExtensionProvider.HttpHeader", "env_name=string"),
        }, NoEnums),
        (27, new[]
        {
            ("mesh.MeshConfig", "service_scope_configs=list:msg:mesh.MeshConfig.ServiceScopeConfigs"),
            ("mesh.MeshConfig.ServiceScopeConfigs", "namespace_selector=msg:meta.LabelSelector services_selector=msg:meta.LabelSelector scope=enum:mesh.MeshConfig.ServiceScopeConfigs.Scope"),
            ("mesh.MeshConfig.ExtensionProvider", "sds=msg:mesh.MeshConfig.ExtensionProvider.SDSProvider"),
            ("mesh.MeshConfig.ExtensionProvider.SDSProvider", "name=string service=string port=uint"),
        }, new[]
        {
            ("mesh.MeshConfig.ServiceScopeConfigs.Scope", "LOCAL GLOBAL"),
        }),
        (28, new[]
        {
            ("mesh.ProxyConfig.ProxyHeaders", "x_forwarded_host=msg:mesh.ProxyConfig.ProxyHeaders.XForwardedHost x_forwarded_port=msg:mesh.ProxyConfig.ProxyHeaders.XForwardedPort"),
            ("mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider", "trace_context_option=enum:mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider.TraceContextOption"),
            ("mesh.ProxyConfig.ProxyHeaders.XForwardedHost", "enabled=bool"),
            ("mesh.ProxyConfig.ProxyHeaders.XForwardedPort", "enabled=bool"),
        }, new[]
        {
            ("mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider.TraceContextOption", "USE_B3 USE_B3_WITH_W3C_PROPAGATION"),
        }),
        (29, new[]
        {
            ("mesh.MeshConfig", "hbone_idle_timeout=duration"),
            ("mesh.ProxyConfig", "file_flush_interval=duration file_flush_min_size_kb=uint stats_compression=bool"),
            ("mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider", "timeout=duration headers=list:msg:mesh.MeshConfig.ExtensionProvider.HttpHeader"),
        }, NoEnums),
        (30, new[]
        {
            ("mesh.MeshConfig.OutboundTrafficPolicy", "tls=msg:networking.ClientTLSSettings"),
            ("mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider", "service_attribute_enrichment=enum:mesh.MeshConfig.ExtensionProvider.ServiceAttributeEnrichment"),
        }, new[]
        {
            ("mesh.MeshConfig.ExtensionProvider.ServiceAttributeEnrichment", "ISTIO_CANONICAL OTEL_SEMANTIC_CONVENTIONS"),
            ("mesh.MeshConfig.OutboundTrafficPolicy.Mode", "REGISTRY_ONLY ALLOW_ANY ALLOW_ANY_DYNAMIC_DNS"),
        }),
    };

    /// <summary>Every message name some release's MeshConfig tree has (1.18's and the ones added since).</summary>
    public static readonly IReadOnlySet<string> AllMessages =
        MeshConfigSchemaTable.Messages.Keys.Concat(ByMinor.SelectMany(c => c.Messages).Select(m => m.Message)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The newest minor release whose MeshConfig changes this table knows.</summary>
    public static int NewestMinor => ByMinor[^1].Minor;

    /// <summary>
    /// The first minor release after 1.18 whose <paramref name="enumName"/> has <paramref name="value"/>, or null when
    /// 1.18 had it already or no release has it.
    /// </summary>
    public static int? EnumValueAddedIn(string enumName, string value)
    {
        if (MeshConfigSchemaTable.Enums.TryGetValue(enumName, out var old) && old.Split(' ').Contains(value, StringComparer.Ordinal)) return null;
        foreach (var (minor, _, enums) in ByMinor)
            foreach (var (name, values) in enums)
                if (name == enumName && values.Split(' ').Contains(value, StringComparer.Ordinal)) return minor;
        return null;
    }

    /// <summary>
    /// The minor release that added <paramref name="field"/> (proto or lowerCamelCase spelling) to <paramref name="message"/>,
    /// or null when no release after 1.18 did.
    /// </summary>
    public static int? AddedIn(string message, string field)
    {
        foreach (var (minor, messages, _) in ByMinor)
        {
            foreach (var (name, fields) in messages)
            {
                if (name != message) continue;
                foreach (var entry in fields.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var proto = entry[..entry.IndexOf('=')];
                    if (proto == field || OperatorSchema.LowerCamel(proto) == field) return minor;
                }
            }
        }
        return null;
    }
}
