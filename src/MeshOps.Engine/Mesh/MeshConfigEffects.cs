namespace MeshOps.Engine.Mesh;

/// <summary>When a mesh config change reaches the mesh (FACTS.md section 2).</summary>
public enum MeshConfigTakesEffect
{
    /// <summary>istiod watches the ConfigMap and pushes the change over xDS.</summary>
    Immediate,
    /// <summary>Baked into pods at injection: only pods created after the change get it.</summary>
    NextInjection,
    /// <summary>Read when a proxy starts (istioctl gateways mount the ConfigMap).</summary>
    ProxyStart,
    /// <summary>istiod reads it only at startup.</summary>
    IstiodRestart,
}

/// <summary>How each mesh config setting takes effect, per FACTS.md section 2's table.</summary>
public static class MeshConfigEffects
{
    private static readonly Dictionary<string, (MeshConfigTakesEffect Effect, string Note)> Table = new(StringComparer.Ordinal)
    {
        ["accessLogFile"] = (MeshConfigTakesEffect.Immediate, ""),
        ["accessLogEncoding"] = (MeshConfigTakesEffect.Immediate, ""),
        ["accessLogFormat"] = (MeshConfigTakesEffect.Immediate, ""),
        ["enableTracing"] = (MeshConfigTakesEffect.Immediate, ""),
        ["enablePrometheusMerge"] = (MeshConfigTakesEffect.NextInjection, "the istiod and gateway pod annotations follow only a re-install"),
        ["outboundTrafficPolicy"] = (MeshConfigTakesEffect.Immediate, ""),
        ["trustDomain"] = (MeshConfigTakesEffect.Immediate, "TRUST_DOMAIN of sidecars changes at the next injection; a self-signed root CA needs an istiod restart"),
        ["rootNamespace"] = (MeshConfigTakesEffect.Immediate, "the telemetry EnvoyFilter namespace follows only a re-install"),
        ["defaultProviders"] = (MeshConfigTakesEffect.Immediate, ""),
        ["extensionProviders"] = (MeshConfigTakesEffect.Immediate, ""),
        ["enableAutoMtls"] = (MeshConfigTakesEffect.Immediate, ""),
        ["discoverySelectors"] = (MeshConfigTakesEffect.Immediate, ""),
        ["ingressClass"] = (MeshConfigTakesEffect.Immediate, ""),
        ["localityLbSetting"] = (MeshConfigTakesEffect.Immediate, ""),
        ["defaultDestinationRuleExportTo"] = (MeshConfigTakesEffect.Immediate, ""),
        ["protocolDetectionTimeout"] = (MeshConfigTakesEffect.Immediate, ""),
        ["caCertificates"] = (MeshConfigTakesEffect.Immediate, ""),
    };

    /// <summary>
    /// The category of a dotted path under meshConfig. defaultConfig.* is baked into PROXY_CONFIG at injection
    /// (gateways installed by istioctl read it when they start). ingressControllerMode needs an istiod restart when
    /// switching to or from OFF. Settings the table does not list default to IstiodRestart: the one step that
    /// certainly makes istiod read them.
    /// </summary>
    public static (MeshConfigTakesEffect Effect, string Note) Classify(string path, object? oldValue = null, object? newValue = null)
    {
        var parts = MeshConfigPaths.Split(path);
        var top = parts[0];
        if (top == "defaultConfig")
            return (MeshConfigTakesEffect.NextInjection, "gateways installed by istioctl read it when their pods restart");
        if (top == "ingressControllerMode")
        {
            var switchesOff = IsOff(oldValue) != IsOff(newValue);
            return switchesOff ? (MeshConfigTakesEffect.IstiodRestart, "the ingress controller is created only when istiod starts")
                : (MeshConfigTakesEffect.Immediate, "");
        }
        if (Table.TryGetValue(top, out var entry)) return entry;
        return (MeshConfigTakesEffect.IstiodRestart, "not in MeshOps' table of settings; restarting istiod is the safe assumption");
    }

    private static bool IsOff(object? value) => value is null || string.Equals(value as string, "OFF", StringComparison.Ordinal);
}
