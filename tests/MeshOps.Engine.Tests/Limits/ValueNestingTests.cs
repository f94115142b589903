using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Tests.Charts;
using MeshOps.Engine.Tests.Templating.Functions;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// Values nest at most <see cref="EngineLimits.MaxValueDepth"/> deep: the limit is enforced where trees enter the
/// engine (YAML, JSON, -Set paths) and in the recursive walks a template can hand a cycle to.
/// </summary>
public class ValueNestingTests
{
    private const int Limit = EngineLimits.MaxValueDepth;

    /// <summary>{"a":{"a":...{"a":1}}} with DEPTH maps.</summary>
    private static Dictionary<string, object?> Deep(int depth)
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal) { ["a"] = 1 };
        for (var i = 1; i < depth; i++) root = new Dictionary<string, object?>(StringComparer.Ordinal) { ["a"] = root };
        return root;
    }

    private static string DeepYaml(int depth) => new string('[', depth) + new string(']', depth);

    private static string DeepBlockYaml(int depth)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < depth; i++) sb.Append(' ', i).Append("a:\n");
        return sb.Append(' ', depth).Append("b: 1\n").ToString();
    }

    [Fact]
    public void YamlOneLevelOverTheLimitFailsWithItsId()
    {
        foreach (var text in new[] { DeepYaml(Limit + 1), DeepBlockYaml(Limit + 1) })
        {
            var e = Assert.Throws<YamlParseException>(() => GoYaml.Parse(text, new YamlReadOptions { SourceName = "deep.yaml" }));
            Assert.Equal("YamlNestingTooDeep", e.ErrorId);
            Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
            Assert.StartsWith("deep.yaml:", e.Message);
        }
        Assert.IsType<List<object?>>(GoYaml.Parse(DeepYaml(Limit)));
    }

    [Fact]
    public void AliasesCannotNestPastTheLimit()
    {
        // Each anchor alone is 300 deep, well within the reader's limit; expanded, b is 601 deep.
        var text = "a: &a " + DeepYaml(300) + "\nb: " + new string('[', 300) + "*a" + new string(']', 300) + "\n";
        var e = Assert.Throws<YamlParseException>(() => GoYaml.Parse(text));
        Assert.Equal("YamlNestingTooDeep", e.ErrorId);
        Assert.Contains("once aliases are expanded", e.Message);
    }

    [Fact]
    public void JsonOneLevelOverTheLimitFailsWithItsId()
    {
        var e = Assert.Throws<JsonParseException>(() => GoJson.Parse(DeepYaml(Limit + 1)));
        Assert.Equal("ValueNestingTooDeep", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.IsType<List<object?>>(GoJson.Parse(DeepYaml(Limit)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DeepSetJsonKeepsItsId(bool wholeObject)
    {
        var values = new HelmValueOptions();
        values.JsonValues.Add(wholeObject ? "{\"a\":" + DeepYaml(Limit + 1) + "}" : "a=" + DeepYaml(Limit + 1));
        Assert.Equal("ValueNestingTooDeep", Assert.Throws<JsonParseException>(() => values.Merge()).ErrorId);
    }

    [Fact]
    public void DeepIstioOperatorFileKeepsItsIdThroughTheFileReader()
    {
        var text = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    x: " + DeepYaml(Limit + 1) + "\n";
        var e = Assert.Throws<YamlParseException>(() => OperatorFileReader.ReadText(text, "deep.yaml"));
        Assert.Equal("YamlNestingTooDeep", e.ErrorId);
    }

    [Fact]
    public void DeepHelmValuesFileKeepsItsId()
    {
        var e = Assert.Throws<YamlParseException>(() => ChartValuesReader.ReadValuesFile("x: " + DeepYaml(Limit + 1), "values.yaml", isUserFile: true));
        Assert.Equal("YamlNestingTooDeep", e.ErrorId);
    }

    [Fact]
    public void ValuesJustWithinTheLimitGoThroughEveryWalkOnASmallStack()
    {
        // What enters the engine may be this deep; each walk must hold it on the smallest stack the engine uses.
        var yaml = SmallStack.Run(() =>
        {
            var tree = Deep(Limit - 2);
            var clone = TreeOps.CloneMap(tree);
            var merged = StrategicMerge.Merge(TreeOps.CloneMap(tree), clone, IopMergeSchema.Instance);
            JsonMergePatch.Apply(TreeOps.CloneMap(tree), merged);
            OperatorConfigBuilder.NormalizeNumbers(TreeOps.CloneMap(tree));
            ValueTables.MergeMaps(ValueTables.DeepCopyMap(tree), tree);
            GoJson.Serialize(tree);
            FunctionTestHost.Render("{{ deepCopy . | print | len }}{{ toJson . | len }}", tree);
            var text = GoYaml.Serialize(tree);
            GoYaml.Parse(text);
            return text;
        });
        Assert.StartsWith("a:\n  a:\n", yaml);
    }

    [Fact]
    public void ValueOneLevelOverTheLimitFailsInTheWalks()
    {
        var tree = Deep(Limit + 1);
        Assert.Equal("ValueNestingTooDeep", Assert.Throws<MeshException>(() => TreeOps.CloneMap(tree)).ErrorId);
        Assert.Equal("ValueNestingTooDeep", Assert.Throws<MeshException>(() => ValueTables.DeepCopyMap(tree)).ErrorId);
        Assert.Equal("ValueNestingTooDeep", Assert.Throws<MeshException>(() => StrategicMerge.Merge(Deep(2), tree, IopMergeSchema.Instance)).ErrorId);
        Assert.Equal("ValueNestingTooDeep", Assert.Throws<MeshException>(() => MeshConfigSettings.Flatten(tree)).ErrorId);
        // The guard is released on the way out: a shallow walk afterwards works.
        Assert.Single(TreeOps.CloneMap(Deep(3)));
    }

    [Theory]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ $c := deepCopy .Values }}", "deepCopy")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ $c := mustDeepCopy .Values }}", "mustDeepCopy")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ print .Values }}", "print")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ printf \"%v\" .Values }}", "printf")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ toString .Values }}", "toString")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ $_ := mergeOverwrite .Values .Values }}", "mergeOverwrite")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ toToml .Values }}", "toToml")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ mustToToml .Values }}", "mustToToml")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ mustToYaml .Values }}", "mustToYaml")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ mustToJson .Values }}", "mustToJson")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ mustToPrettyJson .Values }}", "mustToPrettyJson")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ mustToRawJson .Values }}", "mustToRawJson")]
    [InlineData("{{ $_ := set .Values \"self\" .Values }}{{ toRawJson .Values }}", "toRawJson")] // Sprig's toRawJson panics on any error
    [InlineData("{{ $l := list 1 }}{{ $d := dict \"l\" $l }}{{ $_ := set $d \"d\" $d }}{{ mustToJson $d }}", "mustToJson")]
    [InlineData("{{ $d := dict }}{{ range until 600 }}{{ $d = dict \"a\" $d }}{{ end }}{{ mustToJson $d }}", "mustToJson")]
    [InlineData("{{ $l := list }}{{ range until 600 }}{{ $l = list $l }}{{ end }}{{ mustToYaml $l }}", "mustToYaml")]
    [InlineData("{{ $l := list }}{{ $l = append $l $l }}{{ $_ := set .Values \"l\" (list .Values) }}{{ deepEqual .Values (deepCopy .Values) }}", "deepCopy")]
    public void CycleMadeInATemplateFailsWithItsId(string template, string function)
    {
        var e = Assert.IsType<TemplateExecException>(FunctionTestHost.RenderFails(template, new Dictionary<string, object?> { ["Values"] = new Dictionary<string, object?>() }));
        Assert.Equal("ValueNestingTooDeep", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.Contains("error calling " + function + ":", e.Message);
        Assert.StartsWith("template: test:1:", e.Message);
    }

    [Theory]
    [InlineData("toYaml")]
    [InlineData("toJson")]
    [InlineData("toPrettyJson")]
    [InlineData("toYamlPretty")]
    public void CycleGivesAnEmptyStringToTheFunctionsHelmLetsFailQuietly(string function)
    {
        // helm template 4.1.4: toYaml, toJson and toPrettyJson of a map set into itself print "".
        var text = "{{ $_ := set .Values \"self\" .Values }}[{{ " + function + " .Values }}]";
        Assert.Equal("[]", FunctionTestHost.Render(text, new Dictionary<string, object?> { ["Values"] = new Dictionary<string, object?>() }));
    }

    [Fact]
    public void OrdinaryErrorsOfMustFunctionsKeepHelmsWording()
    {
        var e = Assert.IsType<TemplateExecException>(FunctionTestHost.RenderFails("{{ mustToJson (float64 \"NaN\") }}"));
        Assert.Equal("TemplateExecutionError", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.EndsWith("error calling mustToJson: json: unsupported value: NaN", e.Message);
    }

    [Fact]
    public void CycleInExpandMeshChartFailsWithItsId()
    {
        using var chart = new TempChart().Write("templates/t.yaml", "{{ $_ := set .Values \"self\" .Values }}{{ $c := deepCopy .Values }}x: 1\n");
        var e = Assert.Throws<TemplateExecException>(() => HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal("ValueNestingTooDeep", e.ErrorId);
        Assert.Contains("demo/templates/t.yaml", e.Message);
    }
}
