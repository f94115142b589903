using System.Collections;
using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Changes mesh settings of a running revision where istiod reads them (ConfigMap istio-REV, key mesh), changing only
/// what is asked, and keeps MeshOps' install record and istioctl's installed-state in step.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MeshConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MeshConfigChange))]
public sealed class SetMeshConfigCommand : MeshClusterCmdlet
{
    /// <summary>The revision (or tag); Get-MeshRevision objects bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string Revision { get; set; } = "";

    /// <summary>meshConfig.enablePrometheusMerge: merge app metrics into the sidecar's /stats/prometheus.</summary>
    [Parameter]
    public bool EnablePrometheusMerge { get; set; }

    /// <summary>meshConfig.accessLogFile; "" turns access logs off.</summary>
    [Parameter]
    [AllowEmptyString]
    public string? AccessLogFile { get; set; }

    /// <summary>meshConfig.accessLogEncoding.</summary>
    [Parameter]
    [ValidateSet("TEXT", "JSON")]
    public string? AccessLogEncoding { get; set; }

    /// <summary>meshConfig.outboundTrafficPolicy.mode (ALLOW_ANY_DYNAMIC_DNS: Istio 1.30 and later).</summary>
    [Parameter]
    [ValidateSet("ALLOW_ANY", "REGISTRY_ONLY", "ALLOW_ANY_DYNAMIC_DNS")]
    public string? OutboundTrafficPolicy { get; set; }

    /// <summary>Settings merged into meshConfig.defaultConfig (the proxies' ProxyConfig).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? DefaultConfig { get; set; }

    /// <summary>Any setting in istioctl's syntax: meshConfig.a.b=value.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Set { get; set; }

    /// <summary>Settings merged into meshConfig: a hashtable or YAML text.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? MeshConfig { get; set; }

    /// <summary>Restart the Deployments, StatefulSets and DaemonSets of pods that still carry an old value.</summary>
    [Parameter]
    public SwitchParameter RestartWorkloads { get; set; }

    protected override void Process()
    {
        RevisionNames.Validate(Revision);
        var settings = Settings();
        if (settings.Count == 0)
            throw new MeshException("NoMeshConfigSetting", MeshErrorKind.InvalidArgument,
                "Name at least one setting: -EnablePrometheusMerge, -AccessLogFile, -AccessLogEncoding, -OutboundTrafficPolicy, -DefaultConfig, -Set or -MeshConfig.", Revision);
        ForEachCluster(run => SetOn(run, settings));
    }

    private void SetOn(ClusterRun run, List<KeyValuePair<string, object?>> settings)
    {
        var plan = Run(run, settings, dryRun: true, restart: false);
        // The plan's warnings only: the real run checks the same settings against the same release.
        foreach (var warning in plan.Warnings) run.WriteWarning(warning);
        var changed = plan.Changes.Where(c => c.Changed).ToList();
        var target = $"mesh config of revision {plan.Revision} (ConfigMap {plan.Namespace}/{MeshLabels.MeshConfigMapName(plan.Revision)})";
        foreach (var unchanged in plan.Changes.Where(c => !c.Changed))
            run.WriteVerbose($"meshConfig.{unchanged.Path} is already {MeshConfigPaths.Display(unchanged.NewValue)}; not written");
        if (changed.Count == 0)
        {
            foreach (var change in plan.Changes) run.WriteObject(new MeshConfigChange(change));
            return;
        }
        var description = string.Join("; ", changed.Select(c => $"set meshConfig.{c.Path} from {MeshConfigPaths.Display(c.OldValue)} to {MeshConfigPaths.Display(c.NewValue)} (takes effect: {c.TakesEffect}, {c.AffectedPods.Count} pod(s) affected)"));
        if (RestartWorkloads) description += "; restart the workloads of affected pods";
        if (!run.ShouldProcess(target, description)) return;

        var result = Run(run, settings, dryRun: false, restart: RestartWorkloads.IsPresent);
        if (!result.RecordUpdated)
            run.WriteVerbose($"Revision {result.Revision} has no MeshOps install record (not installed by MeshOps): only the live ConfigMap changed. Export-MeshInstallation reads installed-state for it.");
        foreach (var workload in result.RestartedWorkloads) run.WriteVerbose($"Restarted {workload}");
        foreach (var change in result.Changes)
        {
            if (change.Changed && change.TakesEffect != MeshConfigTakesEffect.Immediate && change.AffectedPods.Count > 0 && !RestartWorkloads)
                run.WriteWarning($"meshConfig.{change.Path} reaches {change.AffectedPods.Count} running pod(s) only when they are re-created ({change.TakesEffect}); use -RestartWorkloads or restart them: {string.Join(", ", change.AffectedPods.Take(5))}{(change.AffectedPods.Count > 5 ? ", ..." : "")}");
            run.WriteObject(new MeshConfigChange(change));
        }
    }

    private MeshConfigUpdateResult Run(ClusterRun run, List<KeyValuePair<string, object?>> settings, bool dryRun, bool restart) =>
        run.Engine((host, cancel) => new MeshConfigEditor(run.Cluster, host).SetAsync(new MeshConfigUpdate
        {
            Revision = Revision,
            Settings = settings,
            DryRun = dryRun,
            RestartWorkloads = restart,
        }, cancel));

    /// <summary>The full path when <paramref name="text"/> (one line, not YAML-looking) names a file or folder, else null.</summary>
    private string? ExistingPath(string text)
    {
        if (text.Length == 0 || text.Contains('\n') || text.Contains(": ", StringComparison.Ordinal)) return null;
        try
        {
            var path = GetUnresolvedProviderPathFromPSPath(text);
            return File.Exists(path) || Directory.Exists(path) ? path : null;
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            return null; // not a path PowerShell understands: parse it as YAML
        }
    }

    private static MeshException NotYaml(string path) =>
        new("InvalidMeshConfigYaml", MeshErrorKind.InvalidArgument,
            $"-MeshConfig takes YAML text or a hashtable, and '{path}' is a path. To use a file's settings, pass -MeshConfig (Get-Content '{path}' -Raw).", path);

    /// <summary>Every requested setting as a path under meshConfig; typed parameters first, then -MeshConfig, then -Set (later wins).</summary>
    private List<KeyValuePair<string, object?>> Settings()
    {
        var bound = MyInvocation.BoundParameters;
        var settings = new List<KeyValuePair<string, object?>>();
        if (bound.ContainsKey(nameof(EnablePrometheusMerge))) settings.Add(new("enablePrometheusMerge", EnablePrometheusMerge));
        if (AccessLogFile != null) settings.Add(new("accessLogFile", AccessLogFile));
        if (AccessLogEncoding != null) settings.Add(new("accessLogEncoding", AccessLogEncoding.ToUpperInvariant()));
        if (OutboundTrafficPolicy != null) settings.Add(new("outboundTrafficPolicy.mode", OutboundTrafficPolicy.ToUpperInvariant()));
        if (DefaultConfig != null)
            settings.AddRange(MeshConfigSettings.Flatten(PowerShellValues.ToMap(DefaultConfig, "-DefaultConfig"), "defaultConfig."));
        if (MeshConfig != null)
        {
            var raw = MeshConfig is PSObject ps ? ps.BaseObject : MeshConfig;
            var map = raw switch
            {
                // A file (Get-Item, or a path string) is not read: -MeshConfig is the YAML itself; say how to pass a file.
                FileSystemInfo item => throw NotYaml(item.FullName),
                string text when ExistingPath(text) is { } path => throw NotYaml(path),
                string yaml => MeshConfigSettings.ParseYaml(yaml),
                IDictionary dictionary => PowerShellValues.ToMap(dictionary, "-MeshConfig"),
                _ => throw new MeshException("InvalidMeshConfigYaml", MeshErrorKind.InvalidArgument,
                    $"-MeshConfig takes a hashtable or YAML text, not a {raw.GetType().Name}.", raw),
            };
            settings.AddRange(MeshConfigSettings.Flatten(map));
        }
        foreach (var set in Set ?? Array.Empty<string>()) settings.Add(MeshConfigSettings.ParseSet(set));
        return settings;
    }
}
