namespace MeshOps.Engine.Operator;

/// <summary>
/// The field schema istioctl 1.18.5 unmarshals an IstioOperator into (istio.io/api operator/v1alpha1 and
/// operator/pkg/apis/istio/v1alpha1/values_types.proto), as "name=type" lists per message. Types: string, bool,
/// int, uint, float, enum, duration, intorstr, any (google.protobuf.Value), struct (free-form map),
/// map (map&lt;string,string&gt;), object (a Kubernetes type kept free-form), msg:Name, list:T.
/// Proto field names are accepted as written and in lowerCamelCase, as protojson does. meshConfig (a Struct in the
/// spec, a Value in values) is checked against <see cref="MeshConfigSchemaTable"/>, as istioctl's validateMeshConfig does.
/// </summary>
internal static class OperatorSchemaTable
{
    public const string RootMessage = "IstioOperatorSpec";

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // istio.io/api operator/v1alpha1/operator.proto
        ["IstioOperatorSpec"] = "profile=string installPackagePath=string hub=string tag=any resourceSuffix=string namespace=string revision=string meshConfig=msg:mesh.MeshConfig components=msg:IstioComponentSetSpec values=msg:Values unvalidatedValues=struct",
        ["IstioComponentSetSpec"] = "base=msg:BaseComponentSpec pilot=msg:ComponentSpec cni=msg:ComponentSpec ztunnel=msg:ComponentSpec istiodRemote=msg:ComponentSpec ingressGateways=list:msg:GatewaySpec egressGateways=list:msg:GatewaySpec",
        ["BaseComponentSpec"] = "enabled=bool k8s=msg:KubernetesResourcesSpec",
        ["ComponentSpec"] = "enabled=bool namespace=string hub=string tag=any spec=struct k8s=msg:KubernetesResourcesSpec",
        ["GatewaySpec"] = "enabled=bool namespace=string name=string label=map hub=string tag=any k8s=msg:KubernetesResourcesSpec",
        ["KubernetesResourcesSpec"] = "affinity=object env=list:object hpaSpec=object imagePullPolicy=string nodeSelector=map podDisruptionBudget=object podAnnotations=map priorityClassName=string readinessProbe=object replicaCount=uint resources=object service=object strategy=object tolerations=list:object serviceAnnotations=map securityContext=object volumes=list:object volumeMounts=list:object overlays=list:msg:K8sObjectOverlay",
        ["K8sObjectOverlay"] = "apiVersion=string kind=string name=string patches=list:msg:PathValue",
        ["PathValue"] = "path=string value=any",
        // operator/pkg/apis/istio/v1alpha1/values_types.proto
        ["ArchConfig"] = "amd64=uint ppc64le=uint s390x=uint arm64=uint",
        ["CNIConfig"] = "enabled=bool hub=string tag=any variant=string image=string pullPolicy=string cniBinDir=string cniConfDir=string cniConfFileName=string excludeNamespaces=list:string affinity=struct podAnnotations=struct psp_cluster_role=string logLevel=string repair=msg:CNIRepairConfig chained=bool resource_quotas=msg:ResourceQuotas resources=msg:Resources privileged=bool seccompProfile=struct ambient=msg:CNIAmbientConfig rollingMaxUnavailable=intorstr",
        ["CNIAmbientConfig"] = "enabled=bool redirectMode=string",
        ["CNIRepairConfig"] = "enabled=bool hub=string tag=any image=string labelPods=bool createEvents=string deletePods=bool brokenPodLabelKey=string brokenPodLabelValue=string initContainerName=string",
        ["ResourceQuotas"] = "enabled=bool pods=int",
        ["CPUTargetUtilizationConfig"] = "targetAverageUtilization=int",
        ["Resources"] = "limits=map requests=map",
        ["ServiceAccount"] = "annotations=struct",
        ["DefaultPodDisruptionBudgetConfig"] = "enabled=bool",
        ["DefaultResourcesConfig"] = "requests=msg:ResourcesRequestsConfig",
        ["EgressGatewayConfig"] = "autoscaleEnabled=bool autoscaleMax=uint autoscaleMin=uint cpu=msg:CPUTargetUtilizationConfig customService=bool enabled=bool env=struct labels=map name=string nodeSelector=struct podAnnotations=struct podAntiAffinityLabelSelector=list:struct podAntiAffinityTermLabelSelector=list:struct ports=list:msg:PortsConfig resources=msg:Resources secretVolumes=list:msg:SecretVolume serviceAnnotations=struct type=string zvpn=msg:ZeroVPNConfig tolerations=list:struct rollingMaxSurge=intorstr rollingMaxUnavailable=intorstr configVolumes=list:struct additionalContainers=list:struct runAsRoot=bool injectionTemplate=string serviceAccount=msg:ServiceAccount",
        ["GatewaysConfig"] = "istio_egressgateway=msg:EgressGatewayConfig istio-egressgateway=msg:EgressGatewayConfig enabled=bool istio_ingressgateway=msg:IngressGatewayConfig istio-ingressgateway=msg:IngressGatewayConfig",
        ["GlobalConfig"] = "arch=msg:ArchConfig certSigners=list:string configRootNamespace=string configValidation=bool defaultConfigVisibilitySettings=list:string defaultNodeSelector=struct defaultPodDisruptionBudget=msg:DefaultPodDisruptionBudgetConfig defaultResources=msg:DefaultResourcesConfig defaultTolerations=list:struct hub=string imagePullPolicy=string imagePullSecrets=list:string istioNamespace=string logAsJson=bool logging=msg:GlobalLoggingConfig meshID=string meshNetworks=struct multiCluster=msg:MultiClusterConfig network=string podDNSSearchNamespaces=list:string omitSidecarInjectorConfigMap=bool oneNamespace=bool operatorManageWebhooks=bool priorityClassName=string proxy=msg:ProxyConfig proxy_init=msg:ProxyInitConfig sds=msg:SDSConfig tag=any variant=string tracer=msg:TracerConfig useMCP=bool remotePilotAddress=string istiod=msg:IstiodConfig pilotCertProvider=string jwtPolicy=string sts=msg:STSConfig revision=string mountMtlsCerts=bool caAddress=string externalIstiod=bool configCluster=bool caName=string autoscalingv2API=bool",
        ["STSConfig"] = "servicePort=uint",
        ["IstiodConfig"] = "enableAnalysis=bool",
        ["GlobalLoggingConfig"] = "level=string",
        ["IngressGatewayConfig"] = "autoscaleEnabled=bool autoscaleMax=uint autoscaleMin=uint cpu=msg:CPUTargetUtilizationConfig customService=bool enabled=bool env=struct labels=map loadBalancerIP=string loadBalancerSourceRanges=list:string name=string nodeSelector=struct podAnnotations=struct podAntiAffinityLabelSelector=list:struct podAntiAffinityTermLabelSelector=list:struct ports=list:msg:PortsConfig replicaCount=uint resources=struct secretVolumes=list:msg:SecretVolume serviceAnnotations=struct type=string zvpn=msg:IngressGatewayZvpnConfig rollingMaxSurge=intorstr rollingMaxUnavailable=intorstr externalTrafficPolicy=string tolerations=list:struct ingressPorts=list:struct additionalContainers=list:struct configVolumes=list:struct runAsRoot=bool injectionTemplate=string serviceAccount=msg:ServiceAccount",
        ["IngressGatewayZvpnConfig"] = "enabled=bool suffix=string",
        ["MultiClusterConfig"] = "enabled=bool clusterName=string globalDomainSuffix=string includeEnvoyFilter=bool",
        ["OutboundTrafficPolicyConfig"] = "mode=enum",
        ["PilotConfig"] = "enabled=bool autoscaleEnabled=bool autoscaleMin=uint autoscaleMax=uint replicaCount=uint image=string traceSampling=float resources=msg:Resources configNamespace=string cpu=msg:CPUTargetUtilizationConfig nodeSelector=struct keepaliveMaxServerConnectionAge=duration deploymentLabels=struct podLabels=struct configMap=bool useMCP=bool env=struct rollingMaxSurge=intorstr rollingMaxUnavailable=intorstr tolerations=list:struct enableProtocolSniffingForOutbound=bool enableProtocolSniffingForInbound=bool podAnnotations=struct serviceAnnotations=struct configSource=msg:PilotConfigSource jwksResolverExtraRootCA=string plugins=list:string hub=string tag=any variant=string seccompProfile=struct",
        ["PilotIngressConfig"] = "ingressService=string ingressControllerMode=enum ingressClass=string",
        ["PilotPolicyConfig"] = "enabled=bool",
        ["TelemetryConfig"] = "enabled=bool v2=msg:TelemetryV2Config",
        ["TelemetryV2Config"] = "enabled=bool metadata_exchange=msg:TelemetryV2MetadataExchangeConfig prometheus=msg:TelemetryV2PrometheusConfig stackdriver=msg:TelemetryV2StackDriverConfig access_log_policy=msg:TelemetryV2AccessLogPolicyFilterConfig",
        ["TelemetryV2MetadataExchangeConfig"] = "wasmEnabled=bool",
        ["TelemetryV2PrometheusConfig"] = "enabled=bool wasmEnabled=bool config_override=msg:ConfigOverride",
        ["ConfigOverride"] = "gateway=struct inboundSidecar=struct outboundSidecar=struct",
        ["TelemetryV2StackDriverConfig"] = "enabled=bool logging=bool monitoring=bool topology=bool disableOutbound=bool configOverride=struct outboundAccessLogging=enum inboundAccessLogging=enum",
        ["TelemetryV2AccessLogPolicyFilterConfig"] = "enabled=bool logWindowDuration=duration",
        ["PilotConfigSource"] = "subscribedResources=list:string",
        ["PortsConfig"] = "name=string port=int nodePort=int targetPort=int protocol=string",
        ["ProxyConfig"] = "autoInject=string clusterDomain=string componentLogLevel=string enableCoreDump=bool excludeInboundPorts=string excludeIPRanges=string image=string includeIPRanges=string logLevel=string privileged=bool readinessInitialDelaySeconds=uint readinessPeriodSeconds=uint readinessFailureThreshold=uint statusPort=uint resources=msg:Resources tracer=enum excludeOutboundPorts=string lifecycle=struct holdApplicationUntilProxyStarts=bool includeInboundPorts=string includeOutboundPorts=string",
        ["ProxyInitConfig"] = "image=string resources=msg:Resources",
        ["ResourcesRequestsConfig"] = "cpu=string memory=string",
        ["SDSConfig"] = "token=struct",
        ["SecretVolume"] = "mountPath=string name=string secretName=string",
        ["ServiceConfig"] = "annotations=struct externalPort=uint name=string type=string",
        ["SidecarInjectorConfig"] = "enableNamespacesByDefault=bool neverInjectSelector=list:struct alwaysInjectSelector=list:struct rewriteAppHTTPProbe=bool injectedAnnotations=struct objectSelector=struct injectionURL=string templates=struct defaultTemplates=list:string useLegacySelectors=bool",
        ["TracerConfig"] = "datadog=msg:TracerDatadogConfig lightstep=msg:TracerLightStepConfig zipkin=msg:TracerZipkinConfig stackdriver=msg:TracerStackdriverConfig",
        ["TracerDatadogConfig"] = "address=string",
        ["TracerLightStepConfig"] = "address=string accessToken=string",
        ["TracerZipkinConfig"] = "address=string",
        ["TracerStackdriverConfig"] = "debug=bool maxNumberOfAttributes=uint maxNumberOfAnnotations=uint maxNumberOfMessageEvents=uint",
        ["BaseConfig"] = "enableCRDTemplates=bool validationURL=string enableIstioConfigCRDs=bool validateGateway=bool",
        ["IstiodRemoteConfig"] = "injectionURL=string injectionPath=string",
        ["Values"] = "cni=msg:CNIConfig gateways=msg:GatewaysConfig global=msg:GlobalConfig pilot=msg:PilotConfig ztunnel=any telemetry=msg:TelemetryConfig sidecarInjectorWebhook=msg:SidecarInjectorConfig istio_cni=msg:CNIConfig revision=string ownerName=string meshConfig=msg:mesh.MeshConfig base=msg:BaseConfig istiodRemote=msg:IstiodRemoteConfig revisionTags=list:string defaultRevision=string",
        ["ZeroVPNConfig"] = "enabled=bool suffix=string",
        ["IntOrString"] = "type=int intVal=int strVal=any",
    };
}
