using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// The helm template flags Expand-MeshChart offers, against the real Helm 4 binary on a small chart made for them:
/// hooks and tests, --show-only patterns, --output-dir layout, --is-upgrade, the order of value sources, a
/// subchart folder and a subchart archive, a dependency whose vendored version is outside its range.
/// </summary>
public sealed class HelmFlagsDifferentialTests : IDisposable
{
    private readonly TempChart _chart = MakeChart();

    public void Dispose() => _chart.Dispose();

    private static TempChart MakeChart()
    {
        var c = new TempChart("flags");
        c.Write("Chart.yaml", "apiVersion: v2\nname: flags\nversion: 0.1.0\nappVersion: 1.10\ndependencies:\n" +
                              "- name: sub\n  version: \"~2.0.0\"\n  repository: file://../sub\n" +
                              "- name: packed\n  version: 0.1.0\n  repository: file://../packed\n  condition: packed.enabled\n")
            .Write("values.yaml", "a: chart\nb: chart\nlist: [1, 2]\npacked:\n  enabled: true\n")
            .Write("templates/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n" +
                "  app: {{ .Chart.AppVersion | quote }}\n  upgrade: {{ .Release.IsUpgrade | quote }}\n  install: {{ .Release.IsInstall | quote }}\n" +
                "  values: {{ toJson (omit .Values \"sub\" \"packed\" \"global\") | quote }}\n")
            .Write("templates/multi.yaml",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\ndata:\n  text: |\n    line\n    ---\n    after\n")
            .Write("templates/mixed.yaml",
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pre\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n")
            .Write("templates/hooks.yaml",
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: post\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-weight: 5\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: 12345678\n  annotations:\n    helm.sh/hook: post-install\n    helm.sh/hook-weight: -1\n")
            .Write("templates/tests/test-pod.yaml",
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\n  annotations:\n    helm.sh/hook: test\n")
            .Write("templates/empty.yaml", "{{- if false }}\nkind: Nothing\n{{- end }}\n")
            .Write("templates/NOTES.txt", "notes are not printed")
            .Write("crds/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.example.com\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: b.example.com\n")
            .Write("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 1.5.0\n")
            .Write("charts/sub/templates/sub.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sub-{{ .Values.x | default \"none\" }}\n");
        using var packed = new TempChart("packed");
        packed.Write("templates/packed.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: packed\n")
            .Write("crds/packed-crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: packed.example.com\n");
        File.WriteAllBytes(Path.Combine(c.Dir, "charts", "packed-0.1.0.tgz"), TempChart.Pack(packed.Dir));
        c.Write("inputs/values.yaml", "a: file\nb: file\nc: file\nd: file\ne: file\n")
            .Write("inputs/text.txt", "from a file\nwith two lines\n")
            .Write("templates/bin.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bin\ndata:\n  blob: {{ .Values.blob | default \"\" | b64enc }}\n  length: {{ .Values.blob | default \"\" | len | quote }}\n");
        // --set-file of a file that is not UTF-8 (and starts with a byte order mark): Go keeps every byte.
        File.WriteAllBytes(Path.Combine(c.Dir, "inputs", "blob.bin"), new byte[] { 0xEF, 0xBB, 0xBF, 0xFF, 0x00, 0x80, (byte)'a', 0xC3 });
        return c;
    }

    public static TheoryData<string> Cases() => new()
    {
        "",
        "--is-upgrade",
        "--no-hooks",
        "--skip-tests",
        "--include-crds --skip-tests",
        "--show-only templates/multi.yaml",
        "--show-only templates/*.yaml --show-only templates/cm.yaml",
        "--show-only charts/sub/templates/sub.yaml",
        "--show-only charts/*/templates/* --include-crds",
        "--show-only crds/crd.yaml --include-crds",
        "--show-only templates/tests/test-pod.yaml",
        "--show-only templates/nope.yaml",
        "--show-only templates/tests/test-pod.yaml --skip-tests",
        "--set packed.enabled=false",
        // Each later source wins: -f, --set-json, --set, --set-string, --set-file, --set-literal (whatever the flag order).
        "--set-literal e=literal,x=y --set-file d=inputs/text.txt --set-string c=0042 --set b=true -f inputs/values.yaml --set-json a={\"j\":[1,null]}",
        "--set-json {\"list\":[3],\"a\":1} --set list[1]=9 --set sub.x=on",
        "--set-file a=inputs/missing.txt",
        "--set-file blob=inputs/blob.bin --show-only templates/bin.yaml",
    };

    [HelmBinaryTheory]
    [MemberData(nameof(Cases))]
    public void Matches_helm_template(string args)
    {
        var words = args.Length == 0 ? Array.Empty<string>() : args.Split(' ');
        string? expected = null, helmError = null;
        try
        {
            expected = HelmBinary.Run(new[] { "template", "rel", _chart.Dir }.Concat(words.Select(Absolute)));
        }
        catch (HelmFailedException e)
        {
            helmError = e.Stderr;
        }

        string? actual = null, ourError = null;
        try
        {
            actual = Render(words);
        }
        catch (MeshException e)
        {
            ourError = e.Message;
        }

        if (helmError != null)
        {
            Assert.NotNull(ourError);
            // Helm prints "Error: MESSAGE"; a values file error names the path Helm was given.
            Assert.Equal(helmError.Replace("Error: ", "", StringComparison.Ordinal), ourError);
            return;
        }
        Assert.Null(ourError);
        Assert.Equal(expected, actual);
    }

    [HelmBinaryTheory]
    [InlineData("")]
    [InlineData("--include-crds --is-upgrade")]
    [InlineData("--no-hooks")]
    [InlineData("--skip-tests --set packed.enabled=false")]
    public void Output_directory_matches_helm(string args)
    {
        var words = args.Length == 0 ? Array.Empty<string>() : args.Split(' ');
        var helmDir = Path.Combine(_chart.Root, "out-helm");
        var ourDir = Path.Combine(_chart.Root, "out-ours");
        HelmBinary.Run(new[] { "template", "rel", _chart.Dir, "--output-dir", helmDir }.Concat(words.Select(Absolute)));

        var (values, options, rest) = Parse(words);
        var result = HelmRenderer.Render(ChartLoader.Load(_chart.Dir), values, options);
        foreach (var write in HelmOutputDirectory.Plan(result, ourDir, !rest.Contains("--no-hooks"), rest.Contains("--skip-tests")))
            HelmOutputDirectory.Write(write);

        var helmFiles = Files(helmDir);
        Assert.Equal(helmFiles.Keys, Files(ourDir).Keys);
        foreach (var (name, text) in Files(ourDir)) Assert.Equal(helmFiles[name], text);
        // Sanity: the layout is CHART/templates and CHART/charts/SUB/templates, with appended documents.
        Assert.Contains("flags/charts/sub/templates/sub.yaml", helmFiles.Keys);
        Assert.Equal(2, helmFiles["flags/templates/multi.yaml"].Split("# Source: ").Length - 1);
    }

    [Fact]
    public void Hooks_append_to_a_file_left_by_an_earlier_run_as_helm_does()
    {
        var dir = Path.Combine(_chart.Root, "twice");
        var result = HelmRenderer.Render(ChartLoader.Load(_chart.Dir), null, new RenderOptions { ReleaseName = "rel" });
        var plan = HelmOutputDirectory.Plan(result, dir);
        foreach (var w in plan) HelmOutputDirectory.Write(w);
        var once = File.ReadAllText(Path.Combine(dir, "flags/templates/hooks.yaml"));
        foreach (var w in plan) HelmOutputDirectory.Write(w);
        // Helm checks the disk for hooks (os.Stat) but truncates manifests it has not written in this run.
        Assert.Equal(once + once, File.ReadAllText(Path.Combine(dir, "flags/templates/hooks.yaml")));
        Assert.Equal(2, File.ReadAllText(Path.Combine(dir, "flags/templates/multi.yaml")).Split("# Source: ").Length - 1);
    }

    private string Absolute(string word) => word.StartsWith("inputs/", StringComparison.Ordinal) ? Path.Combine(_chart.Dir, word)
        : word.Contains("=inputs/", StringComparison.Ordinal) ? word.Replace("=inputs/", "=" + _chart.Dir + "/inputs/", StringComparison.Ordinal)
        : word;

    private string Render(string[] words)
    {
        var (values, options, rest) = Parse(words);
        var text = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(_chart.Dir), values, options),
            !rest.Contains("--no-hooks"), rest.Contains("--skip-tests"));
        var showOnly = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i] == "--show-only") showOnly.Add(rest[++i]);
        }
        return showOnly.Count > 0 ? HelmShowOnly.Select(text, showOnly) : text;
    }

    /// <summary>Value and render flags as our options; the flags the writer handles are returned as they are.</summary>
    private (Dictionary<string, object?> Values, RenderOptions Options, List<string> Others) Parse(string[] words)
    {
        var values = new HelmValueOptions { BaseDirectory = _chart.Dir };
        bool crds = false, upgrade = false;
        var rest = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            switch (words[i])
            {
                case "-f": values.ValueFiles.Add(Absolute(words[++i])); break;
                case "--set": values.Values.Add(words[++i]); break;
                case "--set-string": values.StringValues.Add(words[++i]); break;
                case "--set-json": values.JsonValues.Add(words[++i]); break;
                case "--set-file": values.FileValues.Add(Absolute(words[++i])); break;
                case "--set-literal": values.LiteralValues.Add(words[++i]); break;
                case "--include-crds": crds = true; break;
                case "--is-upgrade": upgrade = true; break;
                default: rest.Add(words[i]); break;
            }
        }
        return (values.Merge(), new RenderOptions { ReleaseName = "rel", IncludeCrds = crds, IsUpgrade = upgrade, IsInstall = !upgrade }, rest);
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
}
