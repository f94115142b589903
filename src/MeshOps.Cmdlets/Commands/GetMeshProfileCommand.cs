using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Lists the profiles of an Istio release, or dumps one merged over default: istioctl profile list / dump for
/// 1.18 to 1.23; for 1.24+ (no profile command) the profile's content over default (<see cref="ProfileCatalog.Dump"/>).
/// </summary>
[Cmdlet(VerbsCommon.Get, "MeshProfile")]
[OutputType(typeof(MeshProfile))]
public sealed class GetMeshProfileCommand : MeshCmdlet, IDynamicParameters
{
    private readonly ReleaseParameters _release = new();

    /// <summary>-ManifestsPath and -Version (<see cref="ReleaseParameters"/>).</summary>
    public object GetDynamicParameters() => _release;

    /// <summary>Profile names; wildcards list the matching ones, an exact name dumps that profile.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[]? Name { get; set; }

    private LocatedManifests? _manifests;

    protected override void Begin()
    {
        _manifests = ResolveManifests(_release.ManifestsPath, _release.Version);
    }

    protected override void Process()
    {
        var manifests = _manifests!;
        var available = ProfileCatalog.List(manifests.Path);
        if (Name == null || Name.Length == 0)
        {
            foreach (var name in available) WriteObject(Dump(manifests, name));
            return;
        }
        foreach (var pattern in Name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase);
                foreach (var name in available.Where(n => wildcard.IsMatch(n))) WriteObject(Dump(manifests, name));
            }
            else
            {
                // An exact name that is not in the folder gets the engine's ProfileNotFound, which lists what is.
                WriteObject(Dump(manifests, pattern));
            }
        }
    }

    private MeshProfile Dump(LocatedManifests manifests, string name)
    {
        var dump = RunEngine((host, _) => ProfileCatalog.Dump(manifests.Path, name, manifests.Version, host));
        return new MeshProfile(dump.Profile, manifests.Path, dump.IstioOperator, dump.Yaml);
    }
}
