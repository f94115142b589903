using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Operator;

/// <summary>
/// The istioctl installer generations MeshOps follows. Within a family the pipeline is one; the releases of a family
/// differ only in the explicit switches of <see cref="IstioctlRelease"/>.
/// </summary>
internal enum IstioctlFamily
{
    /// <summary>1.18 to 1.23: operator/pkg/translate (Translator), helmreconciler, installed-state.</summary>
    Translator,

    /// <summary>1.24 and later: operator/pkg/render (GenerateManifest, postProcess), no istio-operator, no installed-state.</summary>
    Render,
}

/// <summary>
/// What one Istio release's istioctl does differently when it renders (manifest generate, install, profile dump):
/// its family, and the few rules that changed inside a family. Derived from the version alone, so a release MeshOps
/// has never seen gets the rules of the newest family it belongs to.
/// </summary>
internal sealed class IstioctlRelease
{
    private IstioctlRelease(IstioVersion version) => Version = version;

    /// <summary>The release.</summary>
    public IstioVersion Version { get; }

    public IstioctlFamily Family => AtLeast(1, 24) ? IstioctlFamily.Render : IstioctlFamily.Translator;

    /// <summary>istioctl 1.24+ no longer writes the installed-state IstioOperator (operator/pkg/install).</summary>
    public bool WritesInstalledState => Family == IstioctlFamily.Translator;

    public bool AtLeast(int major, int minor) => Version.Major > major || Version.Major == major && Version.Minor >= minor;

    public static IstioctlRelease For(IstioVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new IstioctlRelease(version);
    }

    public override string ToString() => $"istioctl {Version} ({Family} family)";
}
