using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Get-MeshRelease: the Istio releases in the local release cache, oldest version first.</summary>
[Cmdlet(VerbsCommon.Get, "MeshRelease")]
[OutputType(typeof(MeshRelease))]
public sealed class GetMeshReleaseCommand : MeshCmdlet
{
    /// <summary>Versions to list; wildcards allowed. All when absent.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CachedReleaseVersionCompleter))]
    public string[]? Version { get; set; }

    protected override void Process()
    {
        var cache = ReleaseCache.Default();
        var releases = cache.List();
        if (Version == null)
        {
            foreach (var release in releases) WriteObject(MeshRelease.From(release));
            return;
        }

        var written = new HashSet<IstioVersion>();
        foreach (var pattern in Version)
        {
            if (WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                foreach (var release in releases.Where(r => wildcard.IsMatch(r.Version.ToString())))
                {
                    if (written.Add(release.Version)) WriteObject(MeshRelease.From(release));
                }
                continue;
            }
            // An exact version that is not cached is an error, as Get-Item does for a missing path.
            try
            {
                var version = IstioVersion.Parse(pattern);
                var release = cache.TryGet(version);
                if (release == null) cache.GetManifestsPath(version);
                else if (written.Add(release.Version)) WriteObject(MeshRelease.From(release));
            }
            catch (MeshException error)
            {
                WriteMeshError(error);
            }
        }
    }
}
