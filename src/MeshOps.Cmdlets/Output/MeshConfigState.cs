using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>A revision's live mesh config and its drift (Get-MeshConfig output).</summary>
public sealed class MeshConfigState : MeshClusterObject
{
    internal MeshConfigState(MeshConfigStatusInfo info)
    {
        Revision = info.Revision;
        Namespace = info.Namespace;
        ConfigMap = info.ConfigMapName;
        MeshConfig = info.Mesh;
        Yaml = info.Yaml;
        Installer = info.Installer.ToString();
        InstalledState = info.InstalledState;
        InstallRecord = info.InstallRecord;
        Drift = info.Drift.Select(d => new MeshConfigDrift(d)).ToArray();
        ChangedSettings = info.ChangedSettings.ToArray();
    }

    public string Revision { get; }
    public string Namespace { get; }
    /// <summary>The ConfigMap istiod reads (istio-REV).</summary>
    public string ConfigMap { get; }
    /// <summary>The live settings (key mesh), as a dictionary.</summary>
    public IDictionary<string, object?> MeshConfig { get; }
    /// <summary>The live settings as stored.</summary>
    public string Yaml { get; }
    /// <summary>MeshOps, Istioctl, Helm or Unknown.</summary>
    public string Installer { get; }
    /// <summary>namespace/name of istioctl's installed-state IstioOperator, if any.</summary>
    public string? InstalledState { get; }
    /// <summary>namespace/name of MeshOps' install record, if any.</summary>
    public string? InstallRecord { get; }
    /// <summary>Settings where installed-state or the install record disagree with the live config.</summary>
    public MeshConfigDrift[] Drift { get; }
    /// <summary>
    /// Dotted paths under meshConfig the user chose rather than the release's defaults, sorted: from the install
    /// record (the user's meshConfig and values.meshConfig, plus Set-MeshConfig's changes); without one, from
    /// installed-state's spec.meshConfig, which includes the profile's; else empty.
    /// </summary>
    public string[] ChangedSettings { get; }

    private protected override IEnumerable<MeshClusterObject> Parts => Drift;

    public override string ToString() => Revision;
}

/// <summary>One setting where a description of the mesh config disagrees with what istiod reads.</summary>
public sealed class MeshConfigDrift : MeshClusterObject
{
    internal MeshConfigDrift(MeshConfigDriftInfo info)
    {
        Revision = info.Revision;
        Setting = MeshConfigSettings.DisplayPath(info.Path);
        Source = info.Source.ToString();
        SourceName = info.SourceName;
        SourceValue = info.SourceValue;
        LiveValue = info.LiveValue;
        LiveSet = info.LiveSet;
        Message = info.Message;
    }

    public string Revision { get; }
    public string Setting { get; }
    /// <summary>InstalledState or InstallRecord.</summary>
    public string Source { get; }
    /// <summary>namespace/name of the source object.</summary>
    public string SourceName { get; }
    public object? SourceValue { get; }
    /// <summary>The value istiod reads; null with LiveSet false when unset.</summary>
    public object? LiveValue { get; }
    public bool LiveSet { get; }
    public string Message { get; }

    public override string ToString() =>
        $"{Setting}: {Source} {SourceName} has {MeshConfigPaths.Display(SourceValue)}, live has {(LiveSet ? MeshConfigPaths.Display(LiveValue) : "(unset)")}: {Message}";
}
