namespace MeshOps.Engine.Operator;

/// <summary>
/// The MeshConfig message tree istioctl 1.18.5 checks spec.meshConfig and spec.values.meshConfig against: istio.io/api
/// at the version istio 1.18.5's go.mod pins (v0.0.0-20231006162241-350617755635), files mesh/v1alpha1/config.proto and
/// proxy.proto, the networking messages they use, and k8s.io/apimachinery's LabelSelector. Same "name=type" style as
/// <see cref="OperatorSchemaTable"/>, with proto field names (lowerCamelCase is accepted too, as jsonpb does). Types
/// as there, plus: int (int32), int64, uint (uint32), uint64, enum:Name (a name from <see cref="Enums"/> or any int32),
/// duration (Go's time.ParseDuration text), mapof:T (map&lt;string,T&gt;). google.protobuf wrappers are listed as their
/// scalar. Members of a oneof are plain fields: jsonpb keeps the last one set and reports nothing.
/// Message names: mesh. = istio.mesh.v1alpha1, networking. = istio.networking.v1alpha3, meta. = k8s meta/v1.
/// </summary>
internal static class MeshConfigSchemaTable
{
    public const string RootMessage = "mesh.MeshConfig";

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mesh.MeshConfig"] = "proxy_listen_port=int proxy_inbound_listen_port=int proxy_http_port=int connect_timeout=duration protocol_detection_timeout=duration tcp_keepalive=msg:networking.ConnectionPoolSettings.TCPSettings.TcpKeepalive ingress_class=string ingress_service=string ingress_controller_mode=enum:mesh.MeshConfig.IngressControllerMode ingress_selector=string enable_tracing=bool access_log_file=string access_log_format=string access_log_encoding=enum:mesh.MeshConfig.AccessLogEncoding enable_envoy_access_log_service=bool disable_envoy_listener_log=bool default_config=msg:mesh.ProxyConfig outbound_traffic_policy=msg:mesh.MeshConfig.OutboundTrafficPolicy config_sources=list:msg:mesh.ConfigSource enable_auto_mtls=bool trust_domain=string trust_domain_aliases=list:string ca_certificates=list:msg:mesh.MeshConfig.CertificateData default_service_export_to=list:string default_virtual_service_export_to=list:string default_destination_rule_export_to=list:string root_namespace=string locality_lb_setting=msg:networking.LocalityLoadBalancerSetting dns_refresh_rate=duration h2_upgrade_policy=enum:mesh.MeshConfig.H2UpgradePolicy inbound_cluster_stat_name=string outbound_cluster_stat_name=string certificates=list:msg:mesh.Certificate service_settings=list:msg:mesh.MeshConfig.ServiceSettings enable_prometheus_merge=bool verify_certificate_at_client=bool ca=msg:mesh.MeshConfig.CA extension_providers=list:msg:mesh.MeshConfig.ExtensionProvider default_providers=msg:mesh.MeshConfig.DefaultProviders discovery_selectors=list:msg:meta.LabelSelector path_normalization=msg:mesh.MeshConfig.ProxyPathNormalization default_http_retry_policy=msg:networking.HTTPRetry mesh_mTLS=msg:mesh.MeshConfig.TLSConfig tls_defaults=msg:mesh.MeshConfig.TLSConfig",
        ["networking.ConnectionPoolSettings.TCPSettings.TcpKeepalive"] = "probes=uint time=duration interval=duration",
        ["mesh.ProxyConfig"] = "config_path=string binary_path=string service_cluster=string tracing_service_name=enum:mesh.ProxyConfig.TracingServiceName drain_duration=duration discovery_address=string discovery_refresh_delay=duration zipkin_address=string statsd_udp_address=string envoy_metrics_service_address=string proxy_admin_port=int availability_zone=string control_plane_auth_policy=enum:mesh.AuthenticationPolicy custom_config_file=string stat_name_length=int concurrency=int proxy_bootstrap_template_path=string interception_mode=enum:mesh.ProxyConfig.InboundInterceptionMode tracing=msg:mesh.Tracing sds=msg:mesh.SDS envoy_access_log_service=msg:mesh.RemoteService envoy_metrics_service=msg:mesh.RemoteService proxy_metadata=map runtime_values=map status_port=int extra_stat_tags=list:string gateway_topology=msg:mesh.Topology termination_drain_duration=duration mesh_id=string readiness_probe=msg:networking.ReadinessProbe proxy_stats_matcher=msg:mesh.ProxyConfig.ProxyStatsMatcher hold_application_until_proxy_starts=bool ca_certificates_pem=list:string image=msg:networking.v1beta1.ProxyImage private_key_provider=msg:mesh.PrivateKeyProvider",
        ["mesh.MeshConfig.OutboundTrafficPolicy"] = "mode=enum:mesh.MeshConfig.OutboundTrafficPolicy.Mode",
        ["mesh.ConfigSource"] = "address=string tls_settings=msg:networking.ClientTLSSettings subscribed_resources=list:enum:mesh.Resource",
        ["mesh.MeshConfig.CertificateData"] = "pem=string spiffe_bundle_url=string cert_signers=list:string trust_domains=list:string",
        ["networking.LocalityLoadBalancerSetting"] = "distribute=list:msg:networking.LocalityLoadBalancerSetting.Distribute failover=list:msg:networking.LocalityLoadBalancerSetting.Failover failover_priority=list:string enabled=bool",
        ["mesh.Certificate"] = "secret_name=string dns_names=list:string",
        ["mesh.MeshConfig.ServiceSettings"] = "settings=msg:mesh.MeshConfig.ServiceSettings.Settings hosts=list:string",
        ["mesh.MeshConfig.CA"] = "address=string tls_settings=msg:networking.ClientTLSSettings request_timeout=duration istiod_side=bool",
        ["mesh.MeshConfig.ExtensionProvider"] = "name=string envoy_ext_authz_http=msg:mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider envoy_ext_authz_grpc=msg:mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationGrpcProvider zipkin=msg:mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider lightstep=msg:mesh.MeshConfig.ExtensionProvider.LightstepTracingProvider datadog=msg:mesh.MeshConfig.ExtensionProvider.DatadogTracingProvider stackdriver=msg:mesh.MeshConfig.ExtensionProvider.StackdriverProvider opencensus=msg:mesh.MeshConfig.ExtensionProvider.OpenCensusAgentTracingProvider skywalking=msg:mesh.MeshConfig.ExtensionProvider.SkyWalkingTracingProvider opentelemetry=msg:mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider prometheus=msg:mesh.MeshConfig.ExtensionProvider.PrometheusMetricsProvider envoy_file_access_log=msg:mesh.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider envoy_http_als=msg:mesh.MeshConfig.ExtensionProvider.EnvoyHttpGrpcV3LogProvider envoy_tcp_als=msg:mesh.MeshConfig.ExtensionProvider.EnvoyTcpGrpcV3LogProvider envoy_otel_als=msg:mesh.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider",
        ["mesh.MeshConfig.DefaultProviders"] = "tracing=list:string metrics=list:string access_logging=list:string",
        ["meta.LabelSelector"] = "matchLabels=map matchExpressions=list:msg:meta.LabelSelectorRequirement",
        ["mesh.MeshConfig.ProxyPathNormalization"] = "normalization=enum:mesh.MeshConfig.ProxyPathNormalization.NormalizationType",
        ["networking.HTTPRetry"] = "attempts=int per_try_timeout=duration retry_on=string retry_remote_localities=bool",
        ["mesh.MeshConfig.TLSConfig"] = "min_protocol_version=enum:mesh.MeshConfig.TLSConfig.TLSProtocol ecdh_curves=list:string",
        ["mesh.Tracing"] = "zipkin=msg:mesh.Tracing.Zipkin lightstep=msg:mesh.Tracing.Lightstep datadog=msg:mesh.Tracing.Datadog stackdriver=msg:mesh.Tracing.Stackdriver open_census_agent=msg:mesh.Tracing.OpenCensusAgent custom_tags=mapof:msg:mesh.Tracing.CustomTag max_path_tag_length=uint sampling=float tls_settings=msg:networking.ClientTLSSettings",
        ["mesh.SDS"] = "enabled=bool k8s_sa_jwt_path=string",
        ["mesh.RemoteService"] = "address=string tls_settings=msg:networking.ClientTLSSettings tcp_keepalive=msg:networking.ConnectionPoolSettings.TCPSettings.TcpKeepalive",
        ["mesh.Topology"] = "num_trusted_proxies=uint forward_client_cert_details=enum:mesh.Topology.ForwardClientCertDetails",
        ["networking.ReadinessProbe"] = "initial_delay_seconds=int timeout_seconds=int period_seconds=int success_threshold=int failure_threshold=int http_get=msg:networking.HTTPHealthCheckConfig tcp_socket=msg:networking.TCPHealthCheckConfig exec=msg:networking.ExecHealthCheckConfig",
        ["mesh.ProxyConfig.ProxyStatsMatcher"] = "inclusion_prefixes=list:string inclusion_suffixes=list:string inclusion_regexps=list:string",
        ["networking.v1beta1.ProxyImage"] = "image_type=string",
        ["mesh.PrivateKeyProvider"] = "cryptomb=msg:mesh.PrivateKeyProvider.CryptoMb qat=msg:mesh.PrivateKeyProvider.QAT",
        ["networking.ClientTLSSettings"] = "mode=enum:networking.ClientTLSSettings.TLSmode client_certificate=string private_key=string ca_certificates=string credential_name=string subject_alt_names=list:string sni=string insecure_skip_verify=bool",
        ["networking.LocalityLoadBalancerSetting.Distribute"] = "from=string to=mapof:uint",
        ["networking.LocalityLoadBalancerSetting.Failover"] = "from=string to=string",
        ["mesh.MeshConfig.ServiceSettings.Settings"] = "cluster_local=bool",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationHttpProvider"] = "service=string port=uint timeout=duration path_prefix=string fail_open=bool status_on_error=string include_headers_in_check=list:string include_request_headers_in_check=list:string include_additional_headers_in_check=map include_request_body_in_check=msg:mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody headers_to_upstream_on_allow=list:string headers_to_downstream_on_deny=list:string headers_to_downstream_on_allow=list:string",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationGrpcProvider"] = "service=string port=uint timeout=duration fail_open=bool status_on_error=string include_request_body_in_check=msg:mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody",
        ["mesh.MeshConfig.ExtensionProvider.ZipkinTracingProvider"] = "service=string port=uint max_tag_length=uint enable_64bit_trace_id=bool",
        ["mesh.MeshConfig.ExtensionProvider.LightstepTracingProvider"] = "service=string port=uint access_token=string max_tag_length=uint",
        ["mesh.MeshConfig.ExtensionProvider.DatadogTracingProvider"] = "service=string port=uint max_tag_length=uint",
        ["mesh.MeshConfig.ExtensionProvider.StackdriverProvider"] = "debug=bool max_number_of_attributes=int64 max_number_of_annotations=int64 max_number_of_message_events=int64 max_tag_length=uint logging=msg:mesh.MeshConfig.ExtensionProvider.StackdriverProvider.Logging",
        ["mesh.MeshConfig.ExtensionProvider.OpenCensusAgentTracingProvider"] = "service=string port=uint context=list:enum:mesh.MeshConfig.ExtensionProvider.OpenCensusAgentTracingProvider.TraceContext max_tag_length=uint",
        ["mesh.MeshConfig.ExtensionProvider.SkyWalkingTracingProvider"] = "service=string port=uint access_token=string",
        ["mesh.MeshConfig.ExtensionProvider.OpenTelemetryTracingProvider"] = "service=string port=uint max_tag_length=uint",
        ["mesh.MeshConfig.ExtensionProvider.PrometheusMetricsProvider"] = "",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider"] = "path=string log_format=msg:mesh.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider.LogFormat",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyHttpGrpcV3LogProvider"] = "service=string port=uint log_name=string filter_state_objects_to_log=list:string additional_request_headers_to_log=list:string additional_response_headers_to_log=list:string additional_response_trailers_to_log=list:string",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyTcpGrpcV3LogProvider"] = "service=string port=uint log_name=string filter_state_objects_to_log=list:string",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider"] = "service=string port=uint log_name=string log_format=msg:mesh.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider.LogFormat",
        ["meta.LabelSelectorRequirement"] = "key=string operator=string values=list:string",
        ["mesh.Tracing.Zipkin"] = "address=string",
        ["mesh.Tracing.Lightstep"] = "address=string access_token=string",
        ["mesh.Tracing.Datadog"] = "address=string",
        ["mesh.Tracing.Stackdriver"] = "debug=bool max_number_of_attributes=int64 max_number_of_annotations=int64 max_number_of_message_events=int64",
        ["mesh.Tracing.OpenCensusAgent"] = "address=string context=list:enum:mesh.Tracing.OpenCensusAgent.TraceContext",
        ["mesh.Tracing.CustomTag"] = "literal=msg:mesh.Tracing.Literal environment=msg:mesh.Tracing.Environment header=msg:mesh.Tracing.RequestHeader",
        ["networking.HTTPHealthCheckConfig"] = "path=string port=uint host=string scheme=string http_headers=list:msg:networking.HTTPHeader",
        ["networking.TCPHealthCheckConfig"] = "host=string port=uint",
        ["networking.ExecHealthCheckConfig"] = "command=list:string",
        ["mesh.PrivateKeyProvider.CryptoMb"] = "poll_delay=duration",
        ["mesh.PrivateKeyProvider.QAT"] = "poll_delay=duration",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyExternalAuthorizationRequestBody"] = "max_request_bytes=uint allow_partial_message=bool pack_as_bytes=bool",
        ["mesh.MeshConfig.ExtensionProvider.StackdriverProvider.Logging"] = "labels=map",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyFileAccessLogProvider.LogFormat"] = "text=string labels=struct",
        ["mesh.MeshConfig.ExtensionProvider.EnvoyOpenTelemetryLogProvider.LogFormat"] = "text=string labels=struct",
        ["mesh.Tracing.Literal"] = "value=string",
        ["mesh.Tracing.Environment"] = "name=string default_value=string",
        ["mesh.Tracing.RequestHeader"] = "name=string default_value=string",
        ["networking.HTTPHeader"] = "name=string value=string",
    };

    /// <summary>Enum value names, in number order (jsonpb accepts a name exactly as written, or any int32).</summary>
    public static readonly IReadOnlyDictionary<string, string> Enums = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mesh.AuthenticationPolicy"] = "NONE MUTUAL_TLS INHERIT",
        ["mesh.MeshConfig.AccessLogEncoding"] = "TEXT JSON",
        ["mesh.MeshConfig.ExtensionProvider.OpenCensusAgentTracingProvider.TraceContext"] = "UNSPECIFIED W3C_TRACE_CONTEXT GRPC_BIN CLOUD_TRACE_CONTEXT B3",
        ["mesh.MeshConfig.H2UpgradePolicy"] = "DO_NOT_UPGRADE UPGRADE",
        ["mesh.MeshConfig.IngressControllerMode"] = "UNSPECIFIED OFF DEFAULT STRICT",
        ["mesh.MeshConfig.OutboundTrafficPolicy.Mode"] = "REGISTRY_ONLY ALLOW_ANY",
        ["mesh.MeshConfig.ProxyPathNormalization.NormalizationType"] = "DEFAULT NONE BASE MERGE_SLASHES DECODE_AND_MERGE_SLASHES",
        ["mesh.MeshConfig.TLSConfig.TLSProtocol"] = "TLS_AUTO TLSV1_2 TLSV1_3",
        ["mesh.ProxyConfig.InboundInterceptionMode"] = "REDIRECT TPROXY NONE",
        ["mesh.ProxyConfig.TracingServiceName"] = "APP_LABEL_AND_NAMESPACE CANONICAL_NAME_ONLY CANONICAL_NAME_AND_NAMESPACE",
        ["mesh.Resource"] = "SERVICE_REGISTRY",
        ["mesh.Topology.ForwardClientCertDetails"] = "UNDEFINED SANITIZE FORWARD_ONLY APPEND_FORWARD SANITIZE_SET ALWAYS_FORWARD_ONLY",
        ["mesh.Tracing.OpenCensusAgent.TraceContext"] = "UNSPECIFIED W3C_TRACE_CONTEXT GRPC_BIN CLOUD_TRACE_CONTEXT B3",
        ["networking.ClientTLSSettings.TLSmode"] = "DISABLE SIMPLE MUTUAL ISTIO_MUTUAL",
    };
}
