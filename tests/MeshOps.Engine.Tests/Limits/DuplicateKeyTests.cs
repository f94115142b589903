using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// A key given twice in one mapping of an IstioOperator file, a profile or -MeshConfig YAML is refused (issue 13:
/// "profile: minimal" then "profile: demo" was accepted, the last winning). Helm's values files and rendered
/// templates keep the last value, as helm 4.1.4 does.
/// </summary>
public class DuplicateKeyTests
{
    private const string Iop = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n  meshConfig:\n    accessLogFile: /dev/stdout\n  profile: demo\n";

    [Fact]
    public void IstioOperatorFileNamesTheFileBothLinesAndTheKeyPath()
    {
        var e = Assert.Throws<YamlParseException>(() => OperatorFileReader.ReadText(Iop, "my-config.yaml"));
        Assert.Equal("YamlDuplicateKey", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.Equal("my-config.yaml:7:3: mapping key \"profile\" already defined at line 4 (key spec.profile appears on lines 4 and 7); keep only one of them", e.Message);
    }

    [Fact]
    public void NestedDuplicateNamesItsPath()
    {
        var text = "spec:\n  values:\n    global:\n      hub: a\n      hub: b\n";
        var e = Assert.Throws<YamlParseException>(() => OperatorFileReader.ReadText(text, "f.yaml"));
        Assert.Contains("key spec.values.global.hub appears on lines 4 and 5", e.Message);
    }

    [Fact]
    public void MeshConfigYamlIsRefused()
    {
        var e = Assert.Throws<YamlParseException>(() => MeshConfigSettings.ParseYaml("enablePrometheusMerge: false\nenablePrometheusMerge: true\n"));
        Assert.Equal("YamlDuplicateKey", e.ErrorId);
        Assert.StartsWith("-MeshConfig:2:1:", e.Message);
    }

    [Fact]
    public void ProfileFileIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("meshops-profile-").FullName;
        try
        {
            var file = Path.Combine(dir, "mine.yaml");
            File.WriteAllText(file, "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  hub: a\n  hub: b\n");
            var e = Assert.Throws<YamlParseException>(() => ProfileLoader.Load(dir, file));
            Assert.Equal("YamlDuplicateKey", e.ErrorId);
            Assert.Contains("mine.yaml:5:3", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void HelmValuesKeepTheLastValueAsHelmDoes()
    {
        // helm template with "a: 1\nb: 2\na: 3" in values.yaml or an -f file renders a as 3 (helm 4.1.4).
        var values = ChartValuesReader.ReadValuesFile("a: 1\nb: 2\na: 3\n", "values.yaml", isUserFile: true);
        Assert.Equal(3.0, values["a"]);
    }
}
