using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// Our render of every Istio 1.18.5 chart against the real <c>helm template</c> (Helm 4): the same objects in the
/// same order, for default values, a revision, --include-crds, a namespace and hub, profile values and a few
/// chart-specific --set lines.
/// </summary>
public class HelmDifferentialTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var chart in IstioCharts.All)
        {
            foreach (var name in CommonCases.Keys) data.Add(chart, name);
            if (SpecificCases.TryGetValue(chart, out var extra)) data.Add(chart, "specific");
        }
        return data;
    }

    private static readonly Dictionary<string, string[]> CommonCases = new()
    {
        ["default"] = Array.Empty<string>(),
        ["revision"] = new[] { "--set", "revision=canary" },
        ["include-crds"] = new[] { "--include-crds" },
        ["namespace-hub"] = new[] { "--namespace", "istio-system", "--set", "global.hub=example.com/istio,global.tag=1.2.3" },
        ["profile-demo"] = new[] { "-f", "@profile:demo" },
        ["profile-ambient"] = new[] { "-f", "@profile:ambient" },
        ["kube-1.24"] = new[] { "--kube-version", "1.24.0", "--api-versions", "example.com/v1" },
        ["release-upgrade"] = new[] { "my-release", "--is-upgrade", "--set-string", "global.imagePullSecrets[0]=regcred" },
    };

    private static readonly Dictionary<string, string[]> SpecificCases = new()
    {
        ["istio-control/istio-discovery"] = new[] { "--set", "pilot.autoscaleEnabled=false,meshConfig.accessLogFile=/dev/stdout,pilot.env.A=b", "--set", "sidecarInjectorWebhook.enableNamespacesByDefault=true" },
        ["gateway"] = new[] { "--set", "service.type=ClusterIP,autoscaling.enabled=false,labels.app=gw", "--set-json", "podAnnotations={\"a\":\"b\"}", "--set-literal", "labels.note=x,y=z" },
        ["istio-cni"] = new[] { "--set-file", "cni.chained=@file:true", "--set", "cni.cniBinDir=/opt/bin,cni.excludeNamespaces={kube-system,istio-system}" },
        ["gateways/istio-ingress"] = new[] { "--set", "gateways.istio-ingressgateway.type=NodePort,gateways.istio-ingressgateway.autoscaleEnabled=false" },
        ["base"] = new[] { "--set", "base.enableIstioConfigCRDs=false,global.istiod.enableAnalysis=true" },
    };

    [HelmTheory]
    [MemberData(nameof(Cases))]
    public void Matches_helm_template(string chart, string caseName)
    {
        var args = caseName == "specific" ? SpecificCases[chart] : CommonCases[caseName];
        var chartDir = Path.Combine(SharedData.ReleaseManifests, "charts", chart);
        using var profiles = new ProfileValues();
        var resolved = args.Select(a => a.StartsWith("@profile:", StringComparison.Ordinal) ? profiles.FileFor(a["@profile:".Length..])
            : a.Contains("=@file:", StringComparison.Ordinal) ? profiles.ContentFile(a) : a).ToList();

        string? expected = null, helmError = null;
        try
        {
            expected = HelmBinary.Run(new[] { "template" }.Concat(resolved.Take(1).Where(a => !a.StartsWith('-'))).Append(chartDir)
                .Concat(resolved.SkipWhile(a => !a.StartsWith('-'))));
        }
        catch (HelmFailedException e)
        {
            helmError = e.Stderr;
        }

        string? actual = null, ourError = null;
        try
        {
            var (values, options) = HelmCommandLine.Parse(resolved);
            actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chartDir), values, options));
        }
        catch (MeshException e)
        {
            ourError = e.Message;
        }

        if (helmError != null)
        {
            Assert.True(ourError != null, $"helm failed ({helmError}) but we rendered");
            return;
        }
        Assert.True(ourError == null, $"helm rendered but we failed: {ourError}");
        var diff = ManifestStream.Compare(expected!, actual!);
        Assert.True(diff == null, diff);
        Assert.Equal(expected, actual);
    }

    /// <summary>spec.values of Istio's profiles written as Helm values files.</summary>
    private sealed class ProfileValues : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("meshops-profile-values-");

        public string FileFor(string profile)
        {
            var path = Path.Combine(_dir.FullName, profile + ".yaml");
            if (File.Exists(path)) return path;
            var iop = GoYaml.Parse(File.ReadAllText(Path.Combine(SharedData.ReleaseManifests, "profiles", profile + ".yaml")));
            var spec = (Dictionary<string, object?>)((Dictionary<string, object?>)iop!)["spec"]!;
            File.WriteAllText(path, GoYaml.Serialize(spec.GetValueOrDefault("values") ?? new Dictionary<string, object?>()));
            return path;
        }

        /// <summary>Turns <c>key=@file:TEXT</c> into <c>key=PATH</c> of a file holding TEXT (for --set-file).</summary>
        public string ContentFile(string expression)
        {
            var at = expression.IndexOf("=@file:", StringComparison.Ordinal);
            var path = Path.Combine(_dir.FullName, "file-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(path, expression[(at + "=@file:".Length)..]);
            return expression[..at] + "=" + path;
        }

        public void Dispose() => _dir.Delete(recursive: true);
    }
}

/// <summary>The subset of <c>helm template [NAME] CHART</c> flags the differential tests use, as our options.</summary>
internal static class HelmCommandLine
{
    public static (Dictionary<string, object?> Values, RenderOptions Options) Parse(IReadOnlyList<string> args)
    {
        var values = new HelmValueOptions();
        string name = "release-name", ns = "default", kube = RenderOptions.DefaultKubeVersion;
        var apis = new List<string>();
        bool crds = false, upgrade = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--set": values.Values.Add(args[++i]); break;
                case "--set-string": values.StringValues.Add(args[++i]); break;
                case "--set-json": values.JsonValues.Add(args[++i]); break;
                case "--set-file": values.FileValues.Add(args[++i]); break;
                case "--set-literal": values.LiteralValues.Add(args[++i]); break;
                case "-f": values.ValueFiles.Add(args[++i]); break;
                case "--namespace": ns = args[++i]; break;
                case "--kube-version": kube = args[++i]; break;
                case "--api-versions": apis.Add(args[++i]); break;
                case "--include-crds": crds = true; break;
                case "--is-upgrade": upgrade = true; break;
                default:
                    if (args[i].StartsWith('-')) throw new ArgumentException("unsupported flag " + args[i]);
                    name = args[i];
                    break;
            }
        }
        return (values.Merge(), new RenderOptions
        {
            ReleaseName = name, Namespace = ns, KubeVersion = kube, ApiVersions = apis, IncludeCrds = crds,
            IsUpgrade = upgrade, IsInstall = !upgrade,
        });
    }
}
