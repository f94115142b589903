using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Renders the manifests `istioctl manifest generate` would, from IstioOperator files, -Set and a profile.</summary>
[Cmdlet(VerbsData.Export, "MeshManifest", DefaultParameterSetName = "ToText", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(string))]
[OutputType(typeof(FileInfo), ParameterSetName = new[] { "ToDirectory" })]
public sealed class ExportMeshManifestCommand : MeshCmdlet
{
    /// <summary>IstioOperator files, overlaid in order (istioctl -f). Accepts file names and Get-ChildItem output from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Filename")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>Settings in istioctl's --set syntax (values.a.b=c, meshConfig.x=y, components.pilot.k8s.replicaCount=2).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Set { get; set; }

    /// <summary>A profile name (default, minimal, demo, ...) or a profile file; wins over spec.profile.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    /// <summary>The control-plane revision (spec.revision).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Revision { get; set; }

    /// <summary>The control-plane namespace; like --set values.global.istioNamespace=NS, it moves istiod and the install record.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateKubernetesName]
    public string? Namespace { get; set; }

    /// <summary>The manifests folder of an Istio release (charts/ and profiles/), as istioctl --manifests.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ManifestsPath { get; set; }

    /// <summary>An Istio release saved with Save-MeshRelease, instead of -ManifestsPath.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CachedReleaseVersionCompleter))]
    public string? Version { get; set; }

    /// <summary>Only these components: Base, Pilot, Cni, IstiodRemote, Ztunnel, IngressGateways, EgressGateways.</summary>
    [Parameter]
    [ValidateSet("Base", "Pilot", "Cni", "IstiodRemote", "Ztunnel", "IngressGateways", "EgressGateways")]
    public string[]? Component { get; set; }

    /// <summary>Writes one folder per component there, like istioctl manifest generate -o, and returns the files.</summary>
    [Parameter(ParameterSetName = "ToDirectory", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>Turns validation errors into warnings and renders anyway, as istioctl --force.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly List<string> _files = new();

    protected override void Process() => AddFilePaths(Path, _files);

    protected override void End()
    {
        // The output folder is checked before rendering: a file there, or a path under a file, fails first.
        var directory = OutputDirectory == null ? null : GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        if (directory != null) PathErrors.RequireWritableDirectory(directory, "-OutputDirectory");
        var manifests = ResolveManifests(ManifestsPath, Version);
        var request = new GenerateRequest
        {
            Files = _files,
            SetValues = Set ?? Array.Empty<string>(),
            Profile = Profile,
            Revision = Revision,
            Namespace = Namespace,
            ManifestsPath = manifests.Path,
            Version = manifests.Version,
            Components = Component ?? Array.Empty<string>(),
            Force = Force.IsPresent,
            WorkingDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath,
        };
        var manifest = RunEngine((host, cancel) => ManifestGenerator.Generate(request, host, cancel));
        if (directory == null)
        {
            WriteObject(manifest.ToYaml());
            return;
        }
        // -WhatIf/-Confirm ask per file; a folder is created only for a file written into it.
        var written = manifest.WriteToDirectory(directory, file => ShouldProcess(file, "Write manifest"));
        foreach (var file in written) WriteObject(new FileInfo(file));
    }
}
