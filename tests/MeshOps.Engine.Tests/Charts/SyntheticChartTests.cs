using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Templating;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// A chart built to exercise what Istio's charts do not: subcharts (folder, archive, alias, condition, library),
/// globals, import-values, hooks, kind ordering, comment-only and empty documents, NOTES, CRDs, .Files, .Subcharts,
/// .Template. Compared with the real helm template when it is available, and checked on its own otherwise.
/// </summary>
public class SyntheticChartTests
{
    internal static TempChart Build()
    {
        var c = new TempChart("app");
        c.Write("Chart.yaml", """
            apiVersion: v2
            name: app
            version: 1.2.3
            appVersion: "9.9"
            description: synthetic
            keywords: [a, b]
            maintainers:
            - name: me
              email: me@example.com
            annotations:
              team: mesh
            dependencies:
            - name: db
              version: "~1.0.0"
              alias: database
              condition: database.enabled
              import-values:
              - child: info
                parent: dbinfo
            - name: cache
              version: ">=0.1.0"
              condition: cache.enabled
            - name: lib
              version: "*"
            - name: packed
              version: "0.1.0"
              tags: [optional]
            """);
        c.Write("values.yaml", """
            global:
              env: prod
            replicas: 2
            name: demo
            cache:
              enabled: false
            database:
              size: 10Gi
            tags:
              optional: true
            empty: ""
            """);
        c.Write("crds/widget.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n");
        c.Write("files/config.ini", "key=value\nother=1\n");
        c.Write("templates/NOTES.txt", "Installed {{ .Release.Name }} ({{ .Chart.Name }})\n");
        c.Write("templates/_helpers.tpl", """
            {{- define "app.fullname" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}
            {{- define "app.labels" -}}
            app: {{ include "app.fullname" . }}
            chart: {{ .Chart.Name }}-{{ .Chart.Version }}
            {{- end -}}
            """);
        c.Write("templates/all.yaml", """
            # a comment-only document comes first
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "app.fullname" . }}
              labels:
            {{ include "app.labels" . | indent 4 }}
            spec:
              replicas: {{ .Values.replicas }}
              missing: "{{ .Values.nothing }}"
              notvalue: "{{ .Values.absent }}"
              template: {{ .Template.Name }} in {{ .Template.BasePath }}
              subcharts: {{ keys .Subcharts | sortAlpha | join "," }}
              dbsize: {{ with .Subcharts.database }}{{ .Values.size }}{{ end }}
              global: {{ .Values.global.env }}
              dbinfo: {{ toJson .Values.dbinfo }}
              upgrade: {{ .Release.IsUpgrade }} {{ .Release.IsInstall }} {{ .Release.Revision }} {{ .Release.Service }}
              kube: {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }}
              hasApps: {{ .Capabilities.APIVersions.Has "apps/v1" }}
              chartmeta: {{ .Chart.AppVersion }} {{ .Chart.Description }} {{ .Chart.IsRoot }} {{ index .Chart.Annotations "team" }}
              files: {{ .Files.Get "files/config.ini" | b64enc }}
              lib: {{ include "lib.hello" . }}
            ---

            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: svc
            ---
            apiVersion: example.com/v1
            kind: Zeta
            metadata:
              name: z
            ---
            apiVersion: example.com/v1
            kind: Alpha
            metadata:
              name: a
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm
            data:
              tpl: {{ tpl "{{ .Values.name }}-{{ .Release.Namespace }}" . | quote }}
            """);
        c.Write("templates/hooks.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              annotations:
                "helm.sh/hook": pre-install,pre-upgrade
                "helm.sh/hook-weight": "-5"
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: test
              annotations:
                "helm.sh/hook": test
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: unknown-hook
              annotations:
                "helm.sh/hook": not-a-hook
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: hook-sa
              annotations:
                "helm.sh/hook": post-install
            """);
        c.Write("templates/empty.yaml", "{{- if .Values.never }}\nkind: Never\n{{- end }}\n");
        c.Write("templates/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .Release.Namespace }}\n");

        c.Write("charts/db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.4\n");
        c.Write("charts/db/values.yaml", "size: 1Gi\nenabled: true\ninfo:\n  port: 5432\nglobal:\n  env: dev\n  dbonly: yes\n");
        c.Write("charts/db/crds/dbcrd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: dbs.example.com\n");
        c.Write("charts/db/templates/db.yaml", """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: {{ .Chart.Name }}
            spec:
              size: {{ .Values.size }}
              env: {{ .Values.global.env }}
              dbonly: {{ .Values.global.dbonly }}
              root: {{ .Chart.IsRoot }}
              template: {{ .Template.Name }}
            """);
        c.Write("charts/cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 0.3.0\n");
        c.Write("charts/cache/templates/c.yaml", "kind: ShouldNotRender\n");
        c.Write("charts/lib/Chart.yaml", "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n");
        c.Write("charts/lib/templates/_lib.tpl", "{{- define \"lib.hello\" -}}hello from lib{{- end -}}");
        c.Write("charts/lib/templates/ignored.yaml", "kind: LibraryTemplatesDoNotRender\n");

        using var packed = new TempChart("packed");
        packed.Write("templates/p.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: packed-{{ .Values.global.env }}\n");
        File.WriteAllBytes(Path.Combine(c.Dir, "charts", "packed-0.1.0.tgz"), TempChart.Pack(packed.Dir));
        return c;
    }

    private static string Ours(string dir, RenderOptions options, string? set = null) =>
        HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(dir),
            set is null ? new Dictionary<string, object?>() : SetValuesParser.Parse(set), options));

    [HelmFact]
    public void Matches_helm_template_byte_for_byte()
    {
        using var c = Build();
        var expected = HelmBinary.Run(new[] { "template", "rel", c.Dir, "--namespace", "ns1", "--include-crds" });
        var actual = Ours(c.Dir, new RenderOptions { ReleaseName = "rel", Namespace = "ns1", IncludeCrds = true });
        Assert.True(ManifestStream.Compare(expected, actual) is null, ManifestStream.Compare(expected, actual));
        Assert.Equal(expected, actual);
    }

    [HelmFact]
    public void Matches_helm_template_when_conditions_change_and_on_upgrade()
    {
        using var c = Build();
        var expected = HelmBinary.Run(new[] { "template", c.Dir, "--is-upgrade", "--set", "cache.enabled=true,database.enabled=false,tags.optional=false,global.env=qa" });
        var actual = Ours(c.Dir, new RenderOptions { IsUpgrade = true, IsInstall = false }, "cache.enabled=true,database.enabled=false,tags.optional=false,global.env=qa");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Orders_documents_as_helm_does()
    {
        using var c = Build();
        var result = HelmRenderer.Render(ChartLoader.Load(c.Dir), null, new RenderOptions { IncludeCrds = true });
        var (manifests, hooks) = ManifestSorter.Sort(result.Templates);
        // Install order (Namespace, Secret, ConfigMap, Service, Deployment, StatefulSet), then unknown kinds by name
        // ("" for the comment-only document first), keeping file order for equal kinds.
        Assert.Equal(new[] { "Namespace", "Secret", "ConfigMap", "Service", "Deployment", "StatefulSet", "", "Alpha", "Zeta" },
            manifests.Select(m => m.Kind));
        // Hooks are sorted by kind too, not by weight; the unknown hook type is dropped.
        Assert.Equal(new[] { "ServiceAccount", "Pod", "Job" }, hooks.Select(h => h.Kind));
        Assert.Equal(-5, hooks.Single(h => h.Kind == "Job").HookWeight);
        Assert.Equal(new[] { "pre-install", "pre-upgrade" }, hooks.Single(h => h.Kind == "Job").HookEvents);
        Assert.Equal(new[] { "app/crds/widget.yaml", "app/charts/database/crds/dbcrd.yaml" }, result.Crds.Select(x => x.Path));

        var output = HelmTemplateWriter.Write(result);
        Assert.StartsWith("---\n# Source: app/crds/widget.yaml\napiVersion: apiextensions.k8s.io/v1\n", output);
        Assert.DoesNotContain("unknown-hook", output);
        Assert.DoesNotContain("ShouldNotRender", output);
        Assert.DoesNotContain("LibraryTemplatesDoNotRender", output);
        Assert.Contains("# Source: app/charts/database/templates/db.yaml", output);
        Assert.DoesNotContain("name: test", HelmTemplateWriter.Write(result, skipTests: true));
        Assert.DoesNotContain("kind: Job", HelmTemplateWriter.Write(result, includeHooks: false));
    }

    [Fact]
    public void Notes_are_rendered_apart()
    {
        using var c = Build();
        var result = HelmRenderer.Render(ChartLoader.Load(c.Dir), new Dictionary<string, object?>(), new RenderOptions { ReleaseName = "r1" });
        Assert.Equal("Installed r1 (app)\n", result.Notes);
        Assert.DoesNotContain(result.Templates, t => t.Path.EndsWith("NOTES.txt"));
        Assert.Contains(result.Templates, t => t.Path == "app/templates/empty.yaml" && t.Content.Trim().Length == 0);
        Assert.Equal(result.Templates.Select(t => t.Path).Order(StringComparer.Ordinal), result.Templates.Select(t => t.Path));
    }

    [Fact]
    public void A_second_render_of_the_same_chart_reuses_the_parsed_templates()
    {
        using var c = Build();
        var chart = ChartLoader.Load(c.Dir);
        var first = HelmTemplateWriter.Write(HelmRenderer.Render(chart, new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal(1, HelmRenderer.CachedTemplateSets(chart));
        var second = HelmTemplateWriter.Write(HelmRenderer.Render(chart, new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal(1, HelmRenderer.CachedTemplateSets(chart));
        Assert.Equal(first, second);
        // Other values that enable another subchart need another set of templates.
        HelmRenderer.Render(chart, SetValuesParser.Parse("cache.enabled=true"), new RenderOptions());
        Assert.Equal(2, HelmRenderer.CachedTemplateSets(chart));
    }

    [Fact]
    public void Parallel_renders_of_one_chart_agree_and_leave_inputs_unchanged()
    {
        using var c = Build();
        var chart = ChartLoader.Load(c.Dir);
        var defaultsBefore = MeshOps.Engine.Yaml.GoJson.Serialize(chart.Values);
        var user = SetValuesParser.Parse("replicas=null,global.env=stage");
        var userBefore = MeshOps.Engine.Yaml.GoJson.Serialize(user);
        var outputs = Enumerable.Range(0, 8).AsParallel()
            .Select(i => HelmTemplateWriter.Write(HelmRenderer.Render(chart, user, new RenderOptions { ReleaseName = "r" + (i % 2) })))
            .ToList();
        Assert.Equal(2, outputs.Distinct().Count());
        Assert.Contains("global: stage", outputs[0]);
        Assert.Equal(defaultsBefore, MeshOps.Engine.Yaml.GoJson.Serialize(chart.Values));
        Assert.Equal(userBefore, MeshOps.Engine.Yaml.GoJson.Serialize(user));
    }

    [SharedFact]
    public void Rendering_istiod_again_is_much_faster_than_the_first_parse()
    {
        var chart = ChartLoader.Load(Path.Combine(SharedData.ReleaseManifests, "charts", "istio-control", "istio-discovery"));
        HelmRenderer.Render(chart, new Dictionary<string, object?>(), new RenderOptions());
        var sets = HelmRenderer.CachedTemplateSets(chart);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++) HelmRenderer.Render(chart, new Dictionary<string, object?>(), new RenderOptions());
        watch.Stop();
        Assert.Equal(sets, HelmRenderer.CachedTemplateSets(chart));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"5 renders took {watch.Elapsed}");
    }

    [Fact]
    public void Parse_errors_name_the_file_and_line()
    {
        using var c = new TempChart("bad");
        c.Write("templates/a.yaml", "ok: 1\nx: {{ nope }}\n");
        var e = Assert.Throws<TemplateParseException>(() => Ours(c.Dir, new RenderOptions()));
        Assert.Equal("parse error at (bad/templates/a.yaml:2): function \"nope\" not defined", e.Message);
    }

    [Fact]
    public void Required_and_fail_report_helms_execution_error()
    {
        using var c = new TempChart("req");
        c.Write("templates/a.yaml", "x: {{ required \"set .Values.name please\" .Values.name }}\n");
        var e = Assert.Throws<TemplateExecException>(() => Ours(c.Dir, new RenderOptions()));
        Assert.Equal("execution error at (req/templates/a.yaml:1:6): set .Values.name please", e.Message);
    }

    [Fact]
    public void Strict_mode_fails_on_missing_keys()
    {
        using var c = new TempChart("strict");
        c.Write("templates/a.yaml", "x: {{ .Values.missing }}\n");
        Assert.Equal("---\n# Source: strict/templates/a.yaml\nx:\n", Ours(c.Dir, new RenderOptions()));
        Assert.Throws<TemplateExecException>(() => Ours(c.Dir, new RenderOptions { Strict = true }));
    }

    [Fact]
    public void Invalid_yaml_output_is_manifest_invalid()
    {
        using var c = new TempChart("yamlbad");
        c.Write("templates/a.yaml", "a: b: c\n");
        var e = Assert.Throws<MeshException>(() => Ours(c.Dir, new RenderOptions()));
        Assert.Equal(ChartErrors.ManifestInvalid, e.ErrorId);
        Assert.StartsWith("YAML parse error on yamlbad/templates/a.yaml:", e.Message);
    }

    [Fact]
    public void Schema_violations_fail_with_helms_report()
    {
        using var c = new TempChart("schema");
        c.Write("values.schema.json", """
            {"type":"object","required":["name"],"additionalProperties":false,
             "properties":{"name":{"type":"string"},"replicas":{"type":"integer","minimum":1},
               "mode":{"enum":["a","b"]},"ports":{"type":"array","items":{"type":"integer"}}}}
            """);
        c.Write("templates/a.yaml", "x: 1\n");
        var e = Assert.Throws<MeshException>(() => Ours(c.Dir, new RenderOptions(), "replicas=0,mode=c,ports[0]=x,extra=1"));
        Assert.Equal(ChartErrors.SchemaValidationFailed, e.ErrorId);
        Assert.Equal("""
            values don't meet the specifications of the schema(s) in the following chart(s):
            schema:
            - at '': missing property 'name'
            - at '/mode': value must be one of 'a', 'b'
            - at '/ports/0': got string, want integer
            - at '/replicas': minimum: got 0, want 1
            - at '': additional properties 'extra' not allowed

            """.Replace("\r\n", "\n"), e.Message);
        Assert.Equal("---\n# Source: schema/templates/a.yaml\nx: 1\n", Ours(c.Dir, new RenderOptions(), "name=n,replicas=2,mode=a,ports[0]=80"));
    }

    [Fact]
    public void Library_charts_cannot_be_rendered()
    {
        using var c = new TempChart("libonly");
        c.Write("Chart.yaml", "apiVersion: v2\nname: libonly\nversion: 1.0.0\ntype: library\n");
        var e = Assert.Throws<MeshException>(() => Ours(c.Dir, new RenderOptions()));
        Assert.Equal(ChartErrors.ChartNotInstallable, e.ErrorId);
    }

    [Fact]
    public void Missing_dependencies_are_reported()
    {
        using var c = new TempChart("needs");
        c.Write("Chart.yaml", "apiVersion: v2\nname: needs\nversion: 1.0.0\ndependencies:\n- name: gone\n  version: 1.0.0\n  repository: https://example.com\n");
        var e = Assert.Throws<MeshException>(() => Ours(c.Dir, new RenderOptions()));
        Assert.Equal(ChartErrors.ChartDependencyMissing, e.ErrorId);
        Assert.EndsWith("found in Chart.yaml, but missing in charts/ directory: gone", e.Message);
    }

    [Fact]
    public void Kube_version_constraints_are_checked()
    {
        using var c = new TempChart("kv");
        c.Write("Chart.yaml", "apiVersion: v2\nname: kv\nversion: 1.0.0\nkubeVersion: \">=1.30.0-0\"\n");
        c.Write("templates/a.yaml", "v: {{ .Capabilities.KubeVersion }}\n");
        Assert.Contains("v: v1.35.0", Ours(c.Dir, new RenderOptions()));
        var e = Assert.Throws<MeshException>(() => Ours(c.Dir, new RenderOptions { KubeVersion = "1.29.0" }));
        Assert.Equal(ChartErrors.KubeVersionIncompatible, e.ErrorId);
        Assert.Equal("chart requires kubeVersion: >=1.30.0-0 which is incompatible with Kubernetes v1.29.0", e.Message);
    }

    [Fact]
    public void Cancellation_stops_the_render()
    {
        using var c = Build();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            HelmRenderer.Render(ChartLoader.Load(c.Dir), null, new RenderOptions { CancellationToken = cts.Token }));
    }
}
