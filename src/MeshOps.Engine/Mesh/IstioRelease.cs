using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Mesh;

/// <summary>Facts about the Istio release a manifest was rendered from.</summary>
internal static class IstioRelease
{
    /// <summary>The Istio release the manifest was rendered from (-Version, or what a release archive's charts say).</summary>
    public static string VersionOf(GeneratedManifest manifest) => manifest.IstioVersion.ToString();
}
