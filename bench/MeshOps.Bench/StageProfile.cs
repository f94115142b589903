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
        // Each stage again on its own, warm, for CPU time (steadier than wall time on a shared machine).
        var renderer2 = new HelmChartRenderer(request.KubernetesVersion);
        var m = OperatorConfigBuilder.Build(request, NullMeshHost.Instance);
        var rows = new List<Measurement> { Measure.Warm("  merge + validate", runs, () => OperatorConfigBuilder.Build(request, NullMeshHost.Instance)) };
        var objectsAll = new List<ManifestObject>();
        foreach (var step in ComponentPlan.For(m.Release, m.IstioOperator).Where(s => s.Enabled))
        {
            var values = HelmValuesTranslator.Translate(m.Release, m.Spec, step.Component, step.IsGateway ? step.Spec : null);
            var chartDir = Path.Combine(m.ManifestsPath, "charts", step.Component.HelmSubdir);
            var chart = ChartSessionCache.Load(chartDir, NullMeshHost.Instance);
            var options = renderer2.Options(step.Namespace, default, m.Release);
            rows.Add(Measure.Warm($"  {step.Component.Name}: translate values", runs, () => HelmValuesTranslator.Translate(m.Release, m.Spec, step.Component, step.IsGateway ? step.Spec : null)));
            var k8s = step.Spec?.GetValueOrDefault("k8s") as Dictionary<string, object?>;
            rows.Add(Measure.Warm($"  {step.Component.Name}: render + k8s settings", runs, () =>
            {
                var objs = ((IChartRenderer)renderer2).RenderObjects(m.Release, chartDir, values, step.Namespace, step.Component.Name, default);
                K8sSettingsOverlay.Apply(m.Release, objs, m.Spec, step.Component, k8s, step.GatewayName);
            }));
            rows.Add(Measure.Warm($"  {step.Component.Name}: ChartSessionCache.Load (fingerprint)", runs, () => ChartSessionCache.Load(chartDir, NullMeshHost.Instance)));
            rows.Add(Measure.Warm($"  {step.Component.Name}: HelmRenderer.Render", runs, () => HelmRenderer.Render(chart, values, options)));
            var text = renderer2.Render(m.Release, chartDir, values, step.Namespace, default);
            rows.Add(Measure.Warm($"  {step.Component.Name}: parse whole joined text ({text.Length / 1024} KiB)", runs, () => ManifestGenerator.ParseObjects(text, step.Component.Name, chartDir)));
            rows.Add(Measure.Warm($"  {step.Component.Name}: RenderObjects", runs, () => ((IChartRenderer)renderer2).RenderObjects(m.Release, chartDir, values, step.Namespace, step.Component.Name, default)));
            objectsAll.AddRange(((IChartRenderer)renderer2).RenderObjects(m.Release, chartDir, values, step.Namespace, step.Component.Name, default));
        }
        rows.Add(Measure.Warm("  ObjectOrder.Sort", runs, () => ObjectOrder.Sort(objectsAll, true)));
        rows.Add(Measure.Warm("  Generate alone", runs, () => ManifestGenerator.Generate(request, NullMeshHost.Instance)));
        rows.Add(Measure.Warm("  Generate + ToYaml", runs, () => ManifestGenerator.Generate(request, NullMeshHost.Instance).ToYaml()));
        rows.Add(Measure.Warm("  serialise all objects", runs, () => { foreach (var o in objectsAll) _ = o.Yaml; }));
        foreach (var row in rows)
            Console.WriteLine($"{row.Name,-70} {row.MedianMs,10:0.00} {row.CpuMs,8:0.00} {row.AllocatedBytes / 1024.0 / 1024.0,8:0.00} MiB");
        Console.WriteLine($"Stages of a warm Export-MeshManifest, profile {request.Profile} (mean of {runs} runs):");
        Console.WriteLine($"  {"Stage",-50} {"ms",8} {"Alloc",10}");
        foreach (var stage in order)
            Console.WriteLine($"  {stage,-50} {totals[stage].Ms / runs,8:0.00} {totals[stage].Bytes / runs / 1024.0 / 1024.0,8:0.00} MiB");
    }
}
