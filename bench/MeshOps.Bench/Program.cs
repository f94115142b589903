using MeshOps.Bench;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

// Finds ../shared beside the repository (as the tests do), renders, and prints one table.
var repo = FindRepository(AppContext.BaseDirectory) ?? FindRepository(Directory.GetCurrentDirectory())
    ?? throw new InvalidOperationException("Run from the MeshOps repository.");
var manifests = Path.GetFullPath(Path.Combine(repo, "..", "shared", "istio", "1.18.5", "release", "manifests"));
if (!Directory.Exists(manifests))
{
    Console.WriteLine($"../shared is absent ({manifests}); the engine benchmarks need Istio 1.18.5's charts.");
    return 0;
}
var runs = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 20;
// An optional second argument keeps only the rows whose name contains it (helm's cold row comes with the warm render's).
var only = args.Length > 1 ? args[1] : "";
bool Selected(string name) => name.Contains(only, StringComparison.OrdinalIgnoreCase);
var discoveryPath = Path.Combine(manifests, "charts", "istio-control", "istio-discovery");
var rows = new List<Measurement>();

var discovery = ChartLoader.Load(discoveryPath);
var renderOptions = new RenderOptions { Namespace = "istio-system" };
Measurement? warmRender = null;
const string WarmRenderName = "istio-discovery: HelmRenderer.Render, warm (templates cached)";
if (Selected(WarmRenderName))
{
    warmRender = Measure.Warm(WarmRenderName, runs, () => HelmTemplateWriter.Write(HelmRenderer.Render(discovery, null, renderOptions)));
    rows.Add(warmRender);
}
const string LoadRenderName = "istio-discovery: ChartLoader.Load + Render (parse included)";
if (Selected(LoadRenderName))
{
    rows.Add(Measure.Warm(LoadRenderName, Math.Max(3, runs / 4),
        () => HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(discoveryPath), null, renderOptions))));
}

var helm = Environment.GetEnvironmentVariable("MESHOPS_HELM") is { Length: > 0 } h && File.Exists(h) ? h
    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "meshops", "helm", "helm");
Measurement? helmCold = null;
if (warmRender != null && File.Exists(helm))
{
    helmCold = Measure.Process("istio-discovery: helm template (cold process)", Math.Max(5, runs / 4), helm,
        new[] { "template", discoveryPath, "--namespace", "istio-system" });
    rows.Add(helmCold);
}

var helmNeeded = helmCold == null && File.Exists(helm) && Selected("Export-MeshManifest engine, profile default, warm");
if (helmNeeded)
{
    helmCold = Measure.Process("istio-discovery: helm template (cold process)", Math.Max(5, runs / 4), helm,
        new[] { "template", discoveryPath, "--namespace", "istio-system" });
    rows.Add(helmCold);
}
Measurement? defaultWarm = null;
foreach (var profile in new[] { "default", "minimal" }.Where(p => Selected($"Export-MeshManifest engine, profile {p}, warm")))
{
    var request = new GenerateRequest { Profile = profile, ManifestsPath = manifests, Version = MeshOps.Engine.Releases.IstioVersion.Parse("1.18.5") };
    var row = Measure.Warm($"Export-MeshManifest engine, profile {profile}, warm", Math.Max(3, runs / 2),
        () => ManifestGenerator.Generate(request, NullMeshHost.Instance).ToYaml());
    rows.Add(row);
    if (profile == "default") defaultWarm = row;
}

if (only.Equals("stages", StringComparison.OrdinalIgnoreCase))
{
    foreach (var profile in new[] { "default", "minimal" })
        StageProfile.Print(new GenerateRequest { Profile = profile, ManifestsPath = manifests, Version = MeshOps.Engine.Releases.IstioVersion.Parse("1.18.5") }, runs);
}

if (Selected("GoYaml"))
{
    var big = ManifestGenerator.Generate(new GenerateRequest { Profile = "demo", ManifestsPath = manifests, Version = MeshOps.Engine.Releases.IstioVersion.Parse("1.18.5") }, NullMeshHost.Instance).ToYaml();
    rows.Add(Measure.Warm($"GoYaml.ParseDocuments of the demo manifest ({big.Length / 1024} KiB)", runs, () => GoYaml.ParseDocuments(big)));
    var parsed = GoYaml.ParseDocuments(big).Select(d => d.Value).ToList();
    rows.Add(Measure.Warm("GoYaml.Serialize of the demo manifest", runs, () => { foreach (var doc in parsed) GoYaml.Serialize(doc); }));
}

Console.WriteLine($"{"Benchmark",-70} {"Median ms",10} {"CPU ms",8} {"Alloc/run",12} {"Runs",5}");
foreach (var row in rows)
    Console.WriteLine($"{row.Name,-70} {row.MedianMs,10:0.00} {(row.CpuMs == 0 ? "-" : $"{row.CpuMs:0.00}"),8} {(row.AllocatedBytes == 0 ? "-" : $"{row.AllocatedBytes / 1024.0 / 1024.0:0.0} MiB"),12} {row.Runs,5}");
if (helmCold != null && warmRender != null)
    Console.WriteLine($"Warm istio-discovery render alone is {warmRender.MedianMs / helmCold.MedianMs:P1} of helm template's cold time.");
if (helmCold != null && defaultWarm != null)
    Console.WriteLine(Ratio.Line("render-default-vs-helm-template", defaultWarm.MedianMs / helmCold.MedianMs, "<=", 0.10, "0.000", "x"));
else if (defaultWarm != null)
    Console.WriteLine("helm not found (build.ps1 test fetches it into ~/.cache/meshops/helm): no helm template comparison.");
return 0;

static string? FindRepository(string start)
{
    for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "build.ps1"))) return dir.FullName;
    return null;
}
