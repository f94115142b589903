using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Tests.Templating.Functions;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// Values a template builds are bounded (<see cref="EngineLimits.MaxTemplateStringChars"/>,
/// <see cref="EngineLimits.MaxTemplateListItems"/>): doubling a string or list in a loop used to run out of memory
/// long before the output limit was reached.
/// </summary>
public class TemplateValueSizeTests
{
    private static TemplateExecException Fails(string template)
    {
        var e = Assert.IsType<TemplateExecException>(FunctionTestHost.RenderFails(template));
        Assert.Equal("TemplateValueTooLarge", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.StartsWith("template: test:1:", e.Message);
        return e;
    }

    [Theory]
    [InlineData("{{ $l := list 1 }}{{ range until 40 }}{{ $l = concat $l $l }}{{ end }}", "concat")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = print $s $s }}{{ end }}", "print")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}", "printf")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = println $s $s }}{{ end }}", "println")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}", "cat")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = list $s $s | join $s }}{{ end }}", "join")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = repeat 2 $s }}{{ end }}", "repeat")]
    [InlineData("{{ $s := \"a\" }}{{ range until 40 }}{{ $s = replace \"a\" \"aa\" $s }}{{ end }}", "replace")]
    [InlineData("{{ $s := \"ab\" }}{{ range until 40 }}{{ $s = nindent 1 (print $s $s) }}{{ end }}", "print")]
    public void DoublingInALoopStopsAtTheLimit(string template, string function)
    {
        Assert.Contains("error calling " + function + ":", Fails(template).Message);
    }

    [Theory]
    [InlineData("{{ $c := deepCopy $d }}", "deepCopy")]
    [InlineData("{{ $c := print $d }}", "print")]
    [InlineData("{{ $c := toYaml $d }}", "toYaml")]
    [InlineData("{{ $c := toJson $d }}", "toJson")]
    [InlineData("{{ $c := toString $d }}", "toString")]
    [InlineData("{{ $c := merge $d $d }}", "merge")]
    [InlineData("{{ $c := deepEqual $d (dict) }}{{ $c := toToml $d }}", "toToml")]
    public void ValueNestedIntoItselfTwicePerStepStopsAtTheLimit(string use, string function)
    {
        // 40 steps make 2^40 maps for deepCopy or toYaml to build, from 40 maps in memory.
        var e = Fails("{{ $d := dict \"a\" 1 }}{{ range until 40 }}{{ $d = dict \"x\" $d \"y\" $d }}{{ end }}" + use);
        Assert.Contains("error calling " + function + ":", e.Message);
    }

    [Theory]
    [InlineData("{{ $x := repeat 100000000 \"ab\" }}", "repeat")]
    [InlineData("{{ $x := until 100000000 }}", "until")]
    [InlineData("{{ $x := untilStep 0 100000000 1 }}", "untilStep")]
    [InlineData("{{ $x := seq 100000000 }}", "seq")]
    [InlineData("{{ $x := indent 100000000 \"a\" }}", "indent")]
    [InlineData("{{ $s := repeat 1000000 \"a\" }}{{ $x := replace \"a\" (repeat 100 \"b\") $s }}", "replace")]
    public void OneCallThatWouldBuildAHugeValueFailsBeforeBuildingIt(string template, string function)
    {
        Assert.Contains("error calling " + function + ":", Fails(template).Message);
    }

    [Fact]
    public void ValuesJustUnderTheLimitsAreBuilt()
    {
        var half = EngineLimits.MaxTemplateStringChars / 2;
        Assert.Equal(EngineLimits.MaxTemplateStringChars.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FunctionTestHost.Render("{{ $s := repeat " + half + " \"a\" }}{{ print $s $s | len }}"));
        Assert.Equal(EngineLimits.MaxTemplateListItems.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FunctionTestHost.Render("{{ until " + EngineLimits.MaxTemplateListItems + " | len }}"));
    }
}
