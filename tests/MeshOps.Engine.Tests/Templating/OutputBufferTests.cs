using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Exec;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Template output keeps large strings by reference; the text must be the plain concatenation.</summary>
public class OutputBufferTests
{
    [Fact]
    public void MixedWritesGiveTheConcatenation()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var buffer = new OutputBuffer();
            var expected = new System.Text.StringBuilder();
            for (var i = random.Next(0, 12); i > 0; i--)
            {
                switch (random.Next(3))
                {
                    case 0:
                        var s = new string((char)('a' + random.Next(26)), random.Next(0, 3000));
                        buffer.Append(s);
                        expected.Append(s);
                        break;
                    case 1:
                        var n = random.Next(-1000, 1000);
                        buffer.AppendValue(n);
                        expected.Append(n);
                        break;
                    default:
                        var big = new string('z', 1024 + random.Next(0, 2));
                        buffer.AppendValue(big);
                        expected.Append(big);
                        break;
                }
                Assert.Equal(expected.Length, buffer.Length);
            }
            Assert.Equal(expected.ToString(), buffer.ToString());
        }
    }

    [Fact]
    public void TemplatesPrintLargeValuesBetweenSmallOnes()
    {
        var big = new string('x', 5000);
        Assert.Equal("<" + big + "|" + big + ">7", Render("<{{.A}}|{{.A}}>{{.N}}", Map(("A", big), ("N", 7))));
    }

    [Fact]
    public void OutputLimitCountsLargeValues()
    {
        var set = new TemplateSet(NoFuncs, new TemplateOptions { MaxOutputBytes = 3000 });
        set.Parse("t", "{{.}}{{.}}");
        Assert.Contains("output exceeds the limit", Assert.Throws<TemplateExecException>(() => set.Execute("t", new string('x', 2000))).Message);
    }
}
