using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// Everything a chart can see of .Capabilities, against <c>helm template</c> 4.1.4: the defaults (Kubernetes v1.35.0,
/// the API versions of client-go v0.35.1, Helm's BuildInfo), --kube-version read as Helm 4 reads it (the version as
/// written, String() the numbers only) and --api-versions (CSV, appended in order); printing, fields, methods, type
/// names and the errors of misuse.
/// </summary>
public class CapabilitiesParityTests
{
    private const string Helpers = "{{- define \"kv\" }}{{ . }}{{ end }}\n{{- define \"kvString\" }}{{ .String }}{{ end }}\n";

    private static string Line(string text) => "x: |-\n  " + text + "\n";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        // name, template, helm flags (separated by " ; ")
        var argSets = new[] { "", "--kube-version ; 1.27.3", "--api-versions ; foo/v1", "--api-versions ; foo/v1/Bar",
            "--kube-version ; v1.27.3-gke.100+build.5 ; --api-versions ; foo/v1/Bar,x/v2 ; --api-versions ; y/v3" };
        foreach (var args in argSets)
        {
            data.Add("toYaml", "x: |-{{ .Capabilities | toYaml | nindent 2 }}\n", args);
            data.Add("toJson", Line("{{ .Capabilities | toJson }}"), args);
            data.Add("print-direct", Line("{{ .Capabilities }}"), args);
            data.Add("printf", Line("{{ printf \"%v|%+v\" .Capabilities .Capabilities.KubeVersion }}"), args);
            data.Add("apis-toJson", Line("{{ .Capabilities.APIVersions | toJson }}"), args);
            data.Add("has", Line("{{ .Capabilities.APIVersions.Has \"apps/v1\" }} {{ .Capabilities.APIVersions.Has \"apps/v1/Deployment\" }} " +
                "{{ .Capabilities.APIVersions.Has \"foo/v1\" }} {{ .Capabilities.APIVersions.Has \"foo/v1/Bar\" }} {{ len .Capabilities.APIVersions }}"), args);
        }
        foreach (var kube in new[] { "", "1.27.3", "v1.27.3-gke.100", "1.27", "v1.27.3-gke.100+build.5", "1.27.x", "2.3.4.5", " 1.20.1" })
        {
            var args = kube.Length == 0 ? "" : "--kube-version ; " + kube;
            data.Add("kube-fields", Line("{{ .Capabilities.KubeVersion }}|{{ .Capabilities.KubeVersion.Version }}|{{ .Capabilities.KubeVersion.Major }}|" +
                "{{ .Capabilities.KubeVersion.Minor }}|{{ .Capabilities.KubeVersion.GitVersion }}|{{ .Capabilities.KubeVersion.String }}"), args);
            data.Add("kube-toYaml", "x: |-{{ .Capabilities.KubeVersion | toYaml | nindent 2 }}\n", args);
            data.Add("kube-semver", Line("{{ semverCompare \">=1.21-0\" .Capabilities.KubeVersion.Version }} {{ semverCompare \">=1.21-0\" .Capabilities.KubeVersion.GitVersion }} " +
                "{{ semverCompare \"<1.27.3\" (.Capabilities.KubeVersion.Version | toString) }}"), args);
        }
        foreach (var args in new[] { "", "--kube-version ; v1.27.3-gke.100" })
        {
            // Function arguments, fmt and map elements get a copy: printed as the struct, without String.
            data.Add("kube-copies", Line("{{ print .Capabilities.KubeVersion }}|{{ .Capabilities.KubeVersion | toString }}|{{ .Capabilities.KubeVersion | quote }}|" +
                "{{ printf \"%+v %#v %T %q\" .Capabilities.KubeVersion .Capabilities.KubeVersion .Capabilities.KubeVersion .Capabilities.KubeVersion }}|" +
                "{{ include \"kv\" .Capabilities.KubeVersion }}|{{ $d := dict \"k\" .Capabilities.KubeVersion }}{{ $d.k }}|{{ deepCopy .Capabilities.KubeVersion | toJson }}"), args);
            // Pipelines, variables, with, template calls, parentheses and and/or keep it addressable: printed by String.
            data.Add("kube-addressable", Line("{{ with .Capabilities.KubeVersion }}{{ . }}{{ end }}|{{ $kv := .Capabilities.KubeVersion }}{{ $kv }} {{ $kv.String }}|" +
                "{{ template \"kv\" .Capabilities.KubeVersion }}|{{ (.Capabilities.KubeVersion).String }}|{{ and true .Capabilities.KubeVersion }}|{{ or .Capabilities.KubeVersion 1 }}"), args);
        }
        data.Add("helm-version", Line("{{ .Capabilities.HelmVersion }}|{{ .Capabilities.HelmVersion.Version }}|{{ .Capabilities.HelmVersion.GitCommit }}|" +
            "{{ .Capabilities.HelmVersion.GitTreeState }}|{{ .Capabilities.HelmVersion.GoVersion }}|{{ .Capabilities.HelmVersion.KubeClientVersion }}|" +
            "{{ printf \"%#v\" .Capabilities.HelmVersion }}|{{ .Capabilities.HelmVersion | toJson }}"), "");
        data.Add("helm-version-toYaml", "x: |-{{ .Capabilities.HelmVersion | toYaml | nindent 2 }}\n", "");
        data.Add("types", Line("{{ typeOf .Capabilities }} {{ typeOf .Capabilities.KubeVersion }} {{ typeOf .Capabilities.APIVersions }} {{ typeOf .Capabilities.HelmVersion }} " +
            "{{ kindOf .Capabilities }} {{ kindOf .Capabilities.KubeVersion }} {{ kindOf .Capabilities.APIVersions }} {{ kindOf .Capabilities.HelmVersion }} {{ kindOf .Files }}"), "");
        data.Add("api-csv", Line("{{ range $i, $v := .Capabilities.APIVersions }}{{ if ge $i 57 }}{{ $i }}={{ $v | quote }},{{ end }}{{ end }}"),
            "--api-versions ; a/v1,b/v1 ; --api-versions ; \"x,y/v1\",\"q\"\"r\" ; --api-versions ; a/v1");
        data.Add("api-sprig", Line("{{ first .Capabilities.APIVersions }} {{ last .Capabilities.APIVersions }} {{ has \"apps/v1\" .Capabilities.APIVersions }} " +
            "{{ .Capabilities.APIVersions | join \",\" | sha256sum }}"), "");

        // Misuse fails with helm's words and position.
        data.Add("unexported-field", Line("{{ .Capabilities.KubeVersion.normalizedVersion }}"), "");
        data.Add("unknown-field", Line("{{ .Capabilities.KubeVersion.Nope }} {{ .Capabilities.APIVersions.Nope }}"), "");
        data.Add("string-on-copy", Line("{{ include \"kvString\" .Capabilities.KubeVersion }}"), "");
        data.Add("has-literal", Line("{{ .Capabilities.APIVersions.Has 1 }}"), "");
        data.Add("has-nil", Line("{{ .Capabilities.APIVersions.Has nil }}"), "");
        data.Add("has-missing", Line("{{ .Capabilities.APIVersions.Has .Values.missing }}"), "");
        data.Add("has-count", Line("{{ .Capabilities.APIVersions.Has }}"), "");
        data.Add("gitversion-args", Line("{{ .Capabilities.KubeVersion.GitVersion 1 }}"), "");
        data.Add("semver-struct", Line("{{ semverCompare \">=1.2\" .Capabilities.KubeVersion }}"), "");
        data.Add("eq-struct", Line("{{ eq .Capabilities.KubeVersion \"v1\" }}"), "");
        data.Add("range-struct", Line("{{ range .Capabilities.KubeVersion }}{{ end }}"), "");
        foreach (var kube in new[] { "1", "abc", "01.27", "V1.27", "1.99999999999999999999" })
            data.Add("kube-invalid", Line("{{ .Capabilities.KubeVersion }}"), "--kube-version ; " + kube);
        data.Add("api-csv-invalid", Line("{{ len .Capabilities.APIVersions }}"), "--api-versions ; a\"b");
        return data;
    }

    [HelmBinaryTheory]
    [MemberData(nameof(Cases))]
    public void Matches_helm_template(string name, string template, string flags)
    {
        using var chart = new TempChart("caps");
        chart.Write("templates/_helpers.tpl", Helpers).Write("templates/t.yaml", template);
        var args = flags.Length == 0 ? Array.Empty<string>() : flags.Split(" ; ");

        var (expected, helmError) = HelmTemplate(chart.Dir, args);

        string? actual = null, ourError = null;
        try
        {
            actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), Options(args)));
        }
        catch (MeshException e)
        {
            // Our messages add what to do; the rest is helm's text.
            ourError = "Error: " + (e.ErrorId == "KubeVersionInvalid" ? e.Message.Replace("; give one such as v1.27.3", "") : e.Message);
        }

        if (name == "api-csv-invalid")
        {
            // helm names its flag, we name the value: both give encoding/csv's reason.
            const string reason = "parse error on line 1, column 2: bare \" in non-quoted-field";
            Assert.Contains(reason, helmError);
            Assert.Contains(reason, ourError);
            return;
        }
        Assert.Equal(helmError, ourError);
        Assert.Equal(expected, actual);
    }

    /// <summary>helm's own version report is the BuildInfo charts see.</summary>
    [HelmFact]
    public void Helm_version_prints_the_HelmVersion_charts_see()
    {
        using var chart = new TempChart("caps");
        chart.Write("templates/t.yaml", "{{ printf \"%#v\" .Capabilities.HelmVersion }}\n{{- /* */ -}}\n");
        var expected = HelmBinary.Run(new[] { "version" }).TrimEnd('\n');
        var result = HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions());
        Assert.Equal(expected, result.Templates.Single(t => t.Path.EndsWith("t.yaml", StringComparison.Ordinal)).Content.Trim());
    }

    public static TheoryData<string, string> KubeVersionConstraints() => new()
    {
        // chart kubeVersion, --kube-version
        { ">=1.27.0", "v1.27.3-gke.100" },
        { ">=1.28.0", "v1.27.3-gke.100" },
        { "<1.27.3", "1.27.3" },
        { "<1.27.3", "1.27" },
        { ">=1.2.0", "2.3.4.5" },
        { ">=1.20.0-0", "" },
        { "<1.35.0", "" },
    };

    /// <summary>Helm 4 checks a chart's kubeVersion against String() (numbers only) and names the version as given.</summary>
    [HelmBinaryTheory]
    [MemberData(nameof(KubeVersionConstraints))]
    public void Chart_kubeVersion_is_checked_as_helm_checks_it(string constraint, string kube)
    {
        using var chart = new TempChart("caps");
        chart.Write("Chart.yaml", $"apiVersion: v2\nname: caps\nversion: 0.1.0\nkubeVersion: \"{constraint}\"\n")
            .Write("templates/t.yaml", "x: {{ .Capabilities.KubeVersion.Version | quote }}\n");
        var args = kube.Length == 0 ? Array.Empty<string>() : new[] { "--kube-version", kube };
        var (expected, helmError) = HelmTemplate(chart.Dir, args);
        string? actual = null, ourError = null;
        try
        {
            actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), Options(args)));
        }
        catch (MeshException e)
        {
            Assert.Equal(ChartErrors.KubeVersionIncompatible, e.ErrorId);
            ourError = "Error: " + e.Message;
        }
        Assert.Equal(helmError, ourError);
        Assert.Equal(expected, actual);
    }

    /// <summary>helm template's output, or its error text without the --debug hint.</summary>
    private static (string? Output, string? Error) HelmTemplate(string chartDir, IEnumerable<string> args)
    {
        try
        {
            return (HelmBinary.Run(new[] { "template", chartDir }.Concat(args)), null);
        }
        catch (HelmFailedException e)
        {
            return (null, e.Stderr.Replace("\n\nUse --debug flag to render out invalid YAML", ""));
        }
    }

    private static RenderOptions Options(IReadOnlyList<string> args)
    {
        var kube = RenderOptions.DefaultKubeVersion;
        var apis = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--kube-version") kube = args[++i];
            else if (args[i] == "--api-versions") apis.Add(args[++i]);
            else throw new ArgumentException("unsupported flag " + args[i]);
        }
        return new RenderOptions { KubeVersion = kube, ApiVersions = HelmStringSlice.ApiVersions(apis) };
    }
}
