namespace MeshOps.Engine.Operator;

/// <summary>
/// How each minor release's IstioOperator schema differs from the one before it, over <see cref="OperatorSchemaTable"/>
/// (1.18): read from operator/pkg/apis[/istio/v1alpha1]/values_types.proto at each minor's latest tag, istio.io/api's
/// operator.proto (1.18 to 1.23) and operator/pkg/apis/types.go (1.24 on). Entries: "Message.field=type" adds or
/// retypes a field, "-Message.field" removes it, "Message=field=type ..." adds a message. Only changes that alter what
/// validation accepts are kept (a google.protobuf.Struct becoming a Kubernetes type is a map either way).
/// </summary>
internal static class OperatorSchemaChanges
{
    public static readonly IReadOnlyList<(int Minor, string[] Changes)> ByMinor = new (int, string[])[]
    {
        (19, new[]
        {
            "CNIAmbientConfig.configDir=string", "CNIConfig.provider=string", "CNIRepairConfig.repairPods=bool", "GlobalConfig.platform=string",
            "PilotConfig.autoscaleBehavior=struct", "PilotConfig.topologySpreadConstraints=list:struct", "PilotConfig.extraContainerArgs=list:struct",
            "PilotConfig.volumeMounts=list:struct", "PilotConfig.volumes=list:struct", "SidecarInjectorConfig.reinvocationPolicy=string",
        }),
        (20, new[]
        {
            "StartupProbe=enabled=bool failureThreshold=uint",
            "CNIConfig.cniNetnsDir=string", "GatewaysConfig.securityContext=any", "ProxyConfig.startupProbe=msg:StartupProbe",
            "EgressGatewayConfig.ipFamilies=list:string", "EgressGatewayConfig.ipFamilyPolicy=string",
            "IngressGatewayConfig.ipFamilies=list:string", "IngressGatewayConfig.ipFamilyPolicy=string",
            "GlobalConfig.ipFamilies=list:string", "GlobalConfig.ipFamilyPolicy=string",
            "PilotConfig.ipFamilies=list:string", "PilotConfig.ipFamilyPolicy=string",
        }),
        (21, new[]
        {
            "TargetUtilizationConfig=targetAverageUtilization=int",
            "IstioOperatorSpec.compatibilityVersion=string",
            "CNIAmbientConfig.dnsCapture=bool", "-CNIAmbientConfig.redirectMode",
            "EgressGatewayConfig.cpu=msg:TargetUtilizationConfig", "EgressGatewayConfig.memory=msg:TargetUtilizationConfig",
            "IngressGatewayConfig.cpu=msg:TargetUtilizationConfig", "IngressGatewayConfig.memory=msg:TargetUtilizationConfig",
            "PilotConfig.cpu=msg:TargetUtilizationConfig", "PilotConfig.memory=msg:TargetUtilizationConfig", "PilotConfig.affinity=struct",
            "-TelemetryV2Config.metadata_exchange", "-TelemetryV2Config.access_log_policy",
            "-TelemetryV2PrometheusConfig.wasmEnabled", "-TelemetryV2PrometheusConfig.config_override",
            "-TelemetryV2StackDriverConfig.logging", "-TelemetryV2StackDriverConfig.monitoring", "-TelemetryV2StackDriverConfig.topology",
            "-TelemetryV2StackDriverConfig.disableOutbound", "-TelemetryV2StackDriverConfig.configOverride",
            "-TelemetryV2StackDriverConfig.outboundAccessLogging", "-TelemetryV2StackDriverConfig.inboundAccessLogging",
            "Values.profile=string", "Values.compatibilityVersion=string",
        }),
        (22, new[]
        {
            "CNIUsageConfig=enabled=bool chained=bool provider=string",
            "ExperimentalConfig=stableValidationPolicy=bool",
            "PilotTaintControllerConfig=enabled=bool namespace=string",
            "BaseConfig.validationCABundle=string", "-GlobalConfig.oneNamespace", "IstiodRemoteConfig.injectionCABundle=string",
            "PilotConfig.serviceAccountAnnotations=struct", "PilotConfig.cni=msg:CNIUsageConfig", "PilotConfig.taint=msg:PilotTaintControllerConfig",
            "-PilotConfig.plugins", "Values.istio_cni=msg:CNIUsageConfig", "Values.experimental=msg:ExperimentalConfig",
        }),
        (23, new[]
        {
            "CNIAmbientConfig.ipv6=bool", "CNIConfig.logging=msg:GlobalLoggingConfig", "CNIConfig.env=struct", "GatewaysConfig.seccompProfile=any",
            "-GlobalConfig.configRootNamespace", "-GlobalConfig.defaultConfigVisibilitySettings", "-GlobalConfig.useMCP",
            "PilotConfig.trustedZtunnelNamespace=string", "-PilotConfig.configNamespace", "-PilotConfig.useMCP",
            "-PilotConfig.enableProtocolSniffingForOutbound", "-PilotConfig.enableProtocolSniffingForInbound", "-PilotConfig.configSource",
            "ProxyConfig.outlierLogPath=string", "-SidecarInjectorConfig.objectSelector", "-SidecarInjectorConfig.useLegacySelectors",
        }),
        (24, new[]
        {
            // operator/pkg/apis/types.go replaces istio.io/api's IstioOperatorSpec.
            "-IstioOperatorSpec.resourceSuffix", "-ComponentSpec.spec",
            "WaypointConfig=resources=msg:Resources affinity=object topologySpreadConstraints=list:object nodeSelector=object toleration=list:object",
            "BaseConfig.excludedCRDs=list:string", "-CNIConfig.env", "GlobalConfig.waypoint=msg:WaypointConfig", "-GlobalConfig.autoscalingv2API",
            "IstiodRemoteConfig.enabled=bool", "PilotConfig.istiodRemote=msg:IstiodRemoteConfig",
        }),
        (26, new[]
        {
            "CNIAmbientConfig.reconcileIptablesOnStartup=bool", "-EgressGatewayConfig.zvpn", "-IngressGatewayConfig.zvpn",
            "PilotConfig.envVarFrom=list:struct", "Values.gatewayClasses=any",
        }),
        (27, new[]
        {
            "CNIConfig.env=struct", "CNIConfig.istioOwnedCNIConfig=bool", "CNIConfig.istioOwnedCNIConfigFileName=string",
            "GlobalConfig.trustBundleName=string", "GlobalConfig.nativeNftables=bool", "IstiodRemoteConfig.enabledLocalInjectorIstiod=bool",
        }),
        (28, new[]
        {
            "NetworkPolicyConfig=enabled=bool",
            "CNIConfig.daemonSetLabels=struct", "CNIConfig.podLabels=struct", "GlobalConfig.networkPolicy=msg:NetworkPolicyConfig", "GlobalConfig.resourceScope=enum",
        }),
        (29, new[]
        {
            "Agentgateway=image=string",
            "GlobalConfig.agentgateway=msg:Agentgateway", "PilotConfig.crlConfigMapName=string", "ProxyConfig.seccompProfile=struct",
        }),
        (30, new[]
        {
            "CNIConfig.useAppArmorAnnotation=bool", "GlobalConfig.enableReaderRBAC=bool", "PilotTaintControllerConfig.name=string",
        }),
    };
}
