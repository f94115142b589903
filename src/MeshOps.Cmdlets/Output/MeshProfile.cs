using System.Collections;

namespace MeshOps;

/// <summary>An IstioOperator profile of an Istio release (Get-MeshProfile).</summary>
public sealed class MeshProfile
{
    private static readonly (string Key, string Component)[] CoreComponents =
    {
        ("base", "Base"), ("pilot", "Pilot"), ("cni", "Cni"), ("istiodRemote", "IstiodRemote"), ("ztunnel", "Ztunnel"),
    };

    internal MeshProfile(string name, string manifestsPath, IDictionary<string, object?>? istioOperator, string? yaml)
    {
        Name = name;
        ManifestsPath = manifestsPath;
        IstioOperator = istioOperator;
        Yaml = yaml;
        EnabledComponents = istioOperator == null ? Array.Empty<string>() : FindEnabled(istioOperator);
    }

    /// <summary>The profile's name, as -Profile and spec.profile take it.</summary>
    public string Name { get; }

    /// <summary>The manifests folder whose profiles/ holds it.</summary>
    public string ManifestsPath { get; }

    /// <summary>Components the merged profile enables (Base, Pilot, Cni, IstiodRemote, Ztunnel, IngressGateways, EgressGateways).</summary>
    public string[] EnabledComponents { get; }

    /// <summary>The profile merged over default, as `istioctl profile dump` prints it; null in a plain listing.</summary>
    public IDictionary<string, object?>? IstioOperator { get; }

    /// <summary>The same IstioOperator as YAML text; null in a plain listing.</summary>
    public string? Yaml { get; }

    public override string ToString() => Name;

    private static string[] FindEnabled(IDictionary<string, object?> istioOperator)
    {
        var components = (istioOperator.TryGetValue("spec", out var spec) ? spec as IDictionary<string, object?> : null)?
            .TryGetValue("components", out var c) == true ? c as IDictionary<string, object?> : null;
        if (components == null) return Array.Empty<string>();
        var enabled = new List<string>();
        foreach (var (key, component) in CoreComponents)
        {
            if (components.TryGetValue(key, out var settings) && IsEnabled(settings)) enabled.Add(component);
        }
        foreach (var (key, component) in new[] { ("ingressGateways", "IngressGateways"), ("egressGateways", "EgressGateways") })
        {
            if (components.TryGetValue(key, out var gateways) && gateways is IEnumerable list && list.Cast<object?>().Any(IsEnabled))
                enabled.Add(component);
        }
        return enabled.ToArray();
    }

    private static bool IsEnabled(object? settings) =>
        settings is IDictionary<string, object?> map && map.TryGetValue("enabled", out var enabled) && enabled is true;
}
