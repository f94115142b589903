using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>One mesh setting Set-MeshConfig was asked to change (Set-MeshConfig output).</summary>
public sealed class MeshConfigChange : MeshClusterObject
{
    internal MeshConfigChange(MeshConfigChangeInfo info)
    {
        Revision = info.Revision;
        Setting = MeshConfigSettings.DisplayPath(info.Path);
        OldValue = info.OldValue;
        NewValue = info.NewValue;
        Changed = info.Changed;
        TakesEffect = info.TakesEffect.ToString();
        Note = info.Note;
        AffectedPods = info.AffectedPods.ToArray();
    }

    public string Revision { get; }
    /// <summary>The setting, as istioctl -Set names it: meshConfig.enablePrometheusMerge.</summary>
    public string Setting { get; }
    /// <summary>The live value before (null when it was unset).</summary>
    public object? OldValue { get; }
    public object? NewValue { get; }
    /// <summary>False when the live value already was the new one: nothing was written for it.</summary>
    public bool Changed { get; }
    /// <summary>Immediate, NextInjection, ProxyStart or IstiodRestart.</summary>
    public string TakesEffect { get; }
    /// <summary>More about when it takes effect; empty when nothing.</summary>
    public string Note { get; }
    /// <summary>Pods (namespace/name) injected by the revision that still carry the old value: restart them (-RestartWorkloads).</summary>
    public string[] AffectedPods { get; }

    public override string ToString() => $"{Setting}: {MeshConfigPaths.Display(OldValue)} -> {MeshConfigPaths.Display(NewValue)}";
}
