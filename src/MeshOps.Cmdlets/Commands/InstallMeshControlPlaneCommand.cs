using System.Management.Automation;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Installs or upgrades an Istio control-plane revision, as `istioctl install` does, with a plan, waits and pruning.</summary>
[Cmdlet(VerbsLifecycle.Install, "MeshControlPlane", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MeshRevision))]
public sealed class InstallMeshControlPlaneCommand : MeshClusterCmdlet, IDynamicParameters
{
    private readonly RenderParameters _render = new();

    /// <summary>-Path, -Set, -Profile, -Revision, -Namespace, -ManifestsPath and -Version (<see cref="RenderParameters"/>).</summary>
    public object GetDynamicParameters() => _render;

    /// <summary>How long to wait for CRDs and workloads; default 5 minutes.</summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Do not wait for istiod and the gateways to roll out.</summary>
    [Parameter]
    public SwitchParameter SkipWait { get; set; }

    /// <summary>Take over fields other field managers own, and render despite validation errors (istioctl --force).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Returns the installed revision.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private readonly List<string> _files = new();

    protected override void Process() => AddFilePaths(WithoutClusterInfo(_render.Path), _files);

    protected override void End()
    {
        var manifests = ResolveManifests(_render.ManifestsPath, _render.Version);
        var generate = _render.ToRequest(_files, manifests, SessionState.Path.CurrentFileSystemLocation.ProviderPath, Force.IsPresent);
        _whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && ((SwitchParameter)w).IsPresent
            || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
        // The same IstioOperator, rendered per cluster for that cluster's Kubernetes version.
        ForEachCluster(run => InstallOn(run, generate));
    }

    private bool _whatIf;

    private void InstallOn(ClusterRun run, GenerateRequest generate)
    {
        var target = $"Istio revision '{_render.Revision ?? "(from the IstioOperator)"}' on {run.Cluster.Connection.Description}";
        if (_whatIf)
        {
            // -WhatIf shows the plan from a server-side dry run: what would be created, changed, pruned.
            var plan = Install(run, generate, dryRun: true);
            foreach (var outcome in plan.Apply.Objects)
                run.ShouldProcess(outcome.DisplayName, outcome.ChangedFields.Count > 0 ? $"{outcome.Action} ({string.Join(", ", outcome.ChangedFields)})" : outcome.Action.ToString());
            if (plan.DefaultTagPlanned)
                run.ShouldProcess("revision tag 'default'", $"Point at revision '{MeshLabels.RevisionValue(plan.Manifest.Revision)}' (istioctl install makes the first installation the default for injection and validation)");
            return;
        }
        if (!run.ShouldProcess(target, "Install")) return;
        var result = Install(run, generate, dryRun: false);
        foreach (var line in result.Summary) run.WriteInformation("✔ " + line, new[] { "PSHOST" });
        if (PassThru)
        {
            var revision = run.Engine((host, cancel) => new RevisionReader(run.Cluster, host).GetAsync(MeshLabels.RevisionValue(result.Manifest.Revision), cancel));
            run.WriteObject(new MeshRevision(revision));
        }
    }

    private InstallResult Install(ClusterRun run, GenerateRequest generate, bool dryRun) =>
        run.Engine((host, cancel) => new ControlPlaneInstaller(run.Cluster, host).InstallAsync(new InstallRequest
        {
            Manifest = generate,
            DryRun = dryRun,
            Force = Force.IsPresent,
            Timeout = Timeout,
            SkipWait = SkipWait.IsPresent,
        }, cancel));
}
