using System.Management.Automation;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Renders the manifests `istioctl manifest generate` would, from IstioOperator files, -Set and a profile.</summary>
[Cmdlet(VerbsData.Export, "MeshManifest", DefaultParameterSetName = "ToText", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(string))]
[OutputType(typeof(FileInfo), ParameterSetName = new[] { "ToDirectory" })]
[OutputType(typeof(MeshManifestObject), ParameterSetName = new[] { "ToObject" })]
public sealed class ExportMeshManifestCommand : MeshCmdlet, IDynamicParameters
{
    private readonly RenderParameters _render = new();

    /// <summary>-Path, -Set, -Profile, -Revision, -Namespace, -ManifestsPath and -Version (<see cref="RenderParameters"/>).</summary>
    public object GetDynamicParameters() => _render;

    /// <summary>Only these components: Base, Pilot, Cni, IstiodRemote, Ztunnel, IngressGateways, EgressGateways.</summary>
    [Parameter]
    [ValidateSet("Base", "Pilot", "Cni", "IstiodRemote", "Ztunnel", "IngressGateways", "EgressGateways")]
    public string[]? Component { get; set; }

    /// <summary>Writes one folder per component there, like istioctl manifest generate -o, and returns the files.</summary>
    [Parameter(ParameterSetName = "ToDirectory", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>Returns one object per manifest (Kind, Namespace, Name, Component, ApiVersion, Yaml) instead of the text.</summary>
    [Parameter(ParameterSetName = "ToObject", Mandatory = true)]
    public SwitchParameter AsObject { get; set; }

    /// <summary>Turns validation errors into warnings and renders anyway, as istioctl --force.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private readonly List<string> _files = new();

    protected override void Process() => AddFilePaths(_render.Path, _files);

    protected override void End()
    {
        // The output folder is checked before rendering: a file there, or a path under a file, fails first.
        var directory = OutputDirectory == null ? null : GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        if (directory != null) PathErrors.RequireWritableDirectory(directory, "-OutputDirectory");
        var manifests = ResolveManifests(_render.ManifestsPath, _render.Version);
        var request = _render.ToRequest(_files, manifests, SessionState.Path.CurrentFileSystemLocation.ProviderPath, Force.IsPresent, Component);
        var manifest = RunEngine((host, cancel) => ManifestGenerator.Generate(request, host, cancel));
        if (AsObject)
        {
            foreach (var o in manifest.Objects)
                WriteObject(new MeshManifestObject(o.Component, o.ApiVersion, o.Kind, o.Namespace, o.Name, o.Yaml));
            return;
        }
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
