using System.Diagnostics;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Bench;

/// <summary>
/// Where a warm Export-MeshManifest render spends its time and allocations: the stages of ManifestGenerator.Generate
/// run one by one (the same calls, in the same order) with a Stopwatch and the thread's allocation counter around each.
/// Template execution runs on its own large-stack thread, so the render stage counts allocations on all threads.
/// </summary>
internal static class StageProfile
{
    public static void Print(GenerateRequest request, int runs)
    {
        var totals = new Dictionary<string, (double Ms, long Bytes)>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(string stage, double ms, long bytes)
        {
            if (!totals.TryGetValue(stage, out var t)) order.Add(stage);
            totals[stage] = (t.Ms + ms, t.Bytes + bytes);
        }
        T Time<T>(string stage, Func<T> f)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var r = f();
            Add(stage, watch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before);
            return r;
        }

        for (var warm = 0; warm < 30 + runs; warm++)
        {
            if (warm == 30) { totals.Clear(); order.Clear(); }
            var renderer = new HelmChartRenderer(request.KubernetesVersion);
            var merged = Time("merge profile + files + --set, validate", () => OperatorConfigBuilder.Build(request, NullMeshHost.Instance));
            var release = merged.Release;
            var steps = Time("component plan", () => ComponentPlan.For(release, merged.IstioOperator));
            var all = new List<ManifestObject>();
            foreach (var step in steps.Where(s => s.Enabled))
            {
                var values = Time("translate values", () => HelmValuesTranslator.Translate(release, merged.Spec, step.Component, step.IsGateway ? step.Spec : null));
                var chartDir = Path.Combine(merged.ManifestsPath, "charts", step.Component.HelmSubdir);
                var objects = Time($"render + parse {step.Component.Name}", () => ((IChartRenderer)renderer).RenderObjects(release, chartDir, values, step.Namespace, step.Component.Name, default));
                var k8s = step.Spec?.GetValueOrDefault("k8s") as Dictionary<string, object?>;
                Time("k8s settings + overlays", () =>
                {
                    K8sSettingsOverlay.Apply(release, objects, merged.Spec, step.Component, k8s, step.GatewayName);
                    if (k8s?.GetValueOrDefault("overlays") is List<object?> overlays)
                        ManifestPatcher.Apply(release, objects, step.Namespace, overlays, step.SpecPath + ".k8s.overlays");
                    return 0;
                });
                all.AddRange(objects);
            }
            Time("serialise (ToYaml)", () => { foreach (var o in all) _ = o.Yaml; return 0; });
        }
        Console.WriteLine($"Stages of a warm Export-MeshManifest, profile {request.Profile} (mean of {runs} runs):");
        Console.WriteLine($"  {"Stage",-50} {"ms",8} {"Alloc",10}");
        foreach (var stage in order)
            Console.WriteLine($"  {stage,-50} {totals[stage].Ms / runs,8:0.00} {totals[stage].Bytes / runs / 1024.0 / 1024.0,8:0.00} MiB");
    }
}
