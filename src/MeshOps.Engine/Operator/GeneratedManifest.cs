using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Operator;

/// <summary>The objects of one component, in the order its chart rendered them (after k8s settings and overlays).</summary>
public sealed record ComponentManifest(string Component, string Namespace, IReadOnlyList<ManifestObject> Objects, bool Enabled);

/// <summary>
/// What <c>istioctl manifest generate</c> produces: every enabled component's objects, the merged IstioOperator
/// that produced them, and what istioctl would have warned about.
/// </summary>
public sealed class GeneratedManifest
{
    internal GeneratedManifest(IReadOnlyList<ComponentManifest> components, Dictionary<string, object?> istioOperator, IReadOnlyList<string> warnings,
        string controlPlaneNamespace, string revision, string manifestsPath, bool istioConfigEarly = true)
    {
        Components = components;
        IstioOperator = istioOperator;
        Warnings = warnings;
        ControlPlaneNamespace = controlPlaneNamespace;
        Revision = revision;
        ManifestsPath = manifestsPath;
        Objects = ObjectOrder.Sort(components.SelectMany(c => c.Objects), istioConfigEarly);
    }

    /// <summary>The IstioOperator as the user gave it (files, -Set and the request's options), before the profile.</summary>
    public Dictionary<string, object?> UserIstioOperator { get; internal init; } = new(StringComparer.Ordinal);

    /// <summary>The Istio release whose manifests and istioctl rules produced it.</summary>
    public Releases.IstioVersion IstioVersion { get; internal init; } = null!;

    /// <summary>Whether the release's istioctl install saves the installed-state IstioOperator beside the manifests (1.18 to 1.20).</summary>
    public bool WritesInstalledState { get; internal init; } = true;

    /// <summary>Whether the release's istioctl install deletes an installed-state an older istioctl saved under the same name (1.21 to 1.23).</summary>
    public bool DeletesInstalledState { get; internal init; }

    /// <summary>The profile the manifest was rendered with.</summary>
    public string Profile { get; internal init; } = "default";

    /// <summary>Per component (Base, Pilot, Cni, IstiodRemote, Ztunnel, then each gateway), disabled ones with no objects.</summary>
    public IReadOnlyList<ComponentManifest> Components { get; }

    /// <summary>All objects in istioctl's output order (CRDs first, Services last; see object.DefaultObjectOrder).</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }

    /// <summary>The merged IstioOperator (apiVersion, kind, metadata, spec) as Go values.</summary>
    public Dictionary<string, object?> IstioOperator { get; }

    /// <summary>Validation problems ignored because of Force, and namespace hints.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Where istiod goes: components.pilot.namespace, else spec.namespace, else values.global.istioNamespace.</summary>
    public string ControlPlaneNamespace { get; }

    /// <summary>spec.revision, "" for the default revision.</summary>
    public string Revision { get; }

    /// <summary>The manifests folder the charts and profiles were read from.</summary>
    public string ManifestsPath { get; }

    /// <summary>metadata.namespace of the merged IstioOperator: where istioctl install saves the installed-state object.</summary>
    public string OperatorNamespace =>
        (IstioOperator.GetValueOrDefault("metadata") as Dictionary<string, object?>)?.GetValueOrDefault("namespace") as string ?? "";

    /// <summary>The whole manifest as istioctl prints it: every object followed by a "---" line.</summary>
    public string ToYaml()
    {
        // One allocation of the exact length: a growing StringBuilder and its ToString copied the whole manifest
        // (hundreds of KiB, large-object heap) two or three times per call.
        var parts = new string[Objects.Count * 2];
        for (var i = 0; i < Objects.Count; i++)
        {
            parts[2 * i] = Objects[i].Yaml;
            parts[2 * i + 1] = "---\n";
        }
        return string.Concat(parts);
    }

    /// <summary>
    /// Writes one folder per component like <c>istioctl manifest generate -o DIR</c>: Base/Base.yaml,
    /// Base/Pilot/Pilot.yaml, Base/Pilot/IngressGateways/IngressGateways.yaml, ... Returns the files written.
    /// <paramref name="approve"/> is asked per file first (-WhatIf/-Confirm); a folder is created only for a file
    /// written into it. A path that is a file, or cannot be created, fails with OutputPathInvalid before anything is written.
    /// </summary>
    public IReadOnlyList<string> WriteToDirectory(string outputDirectory, Func<string, bool>? approve = null)
    {
        const string what = "-OutputDirectory";
        PathErrors.RequireWritableDirectory(outputDirectory, what);
        var written = new List<string>();
        foreach (var (component, file) in PlannedFiles(outputDirectory))
        {
            if (approve != null && !approve(file)) continue;
            // istioctl joins the component's manifests with "\n---\n" and no final separator.
            var docs = Components.Where(c => c.Component == component).SelectMany(c => c.Objects).Select(o => o.Yaml);
            try
            {
                if (Directory.Exists(file)) throw PathErrors.IsDirectory(file, "the manifest file of component " + component);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, string.Join("---\n", docs));
            }
            catch (Exception e) when (PathErrors.IsPathFailure(e))
            {
                throw PathErrors.WriteFailed(file, what + " file", e);
            }
            written.Add(file);
        }
        return written;
    }

    /// <summary>The files <see cref="WriteToDirectory"/> writes, parents first, with their component.</summary>
    public IReadOnlyList<(string Component, string File)> PlannedFiles(string outputDirectory)
    {
        var files = new List<(string, string)>();
        void Walk(string component, string parentDir)
        {
            var dir = Path.Combine(parentDir, component);
            files.Add((component, Path.Combine(dir, component + ".yaml")));
            if (ComponentCatalog.InstallTreeChildren.TryGetValue(component, out var children))
                foreach (var child in children) Walk(child, dir);
        }
        Walk("Base", Path.GetFullPath(outputDirectory));
        return files;
    }
}
