using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>Input files are read with a size cap, also when their length is unknown (devices, pipes).</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshops-inputfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void FileOneByteOverTheCapIsRefused()
    {
        var path = Write("big.yaml", new byte[101]);
        var e = Assert.Throws<MeshException>(() => InputFile.ReadAllText(path, "values file", maxBytes: 100));
        Assert.Equal("InputFileTooLarge", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.Contains(path, e.Message);
        Assert.Equal(100, InputFile.ReadAllBytes(Write("exact.yaml", new byte[100]), "values file", maxBytes: 100).Length);
    }

    [Fact]
    public void TextIsDecodedAsFileReadAllTextDoes()
    {
        var path = Write("bom.yaml", [0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', 0xC3, 0xA9]);
        Assert.Equal(File.ReadAllText(path), InputFile.ReadAllText(path, "values file"));
    }

    [Fact]
    public void DeviceWithoutEndIsRefusedAtTheDefaultCap()
    {
        if (!File.Exists("/dev/zero")) return; // Linux and macOS only
        var e = Assert.Throws<MeshException>(() => InputFile.ReadAllBytes("/dev/zero", "IstioOperator file"));
        Assert.Equal("InputFileTooLarge", e.ErrorId);
        Assert.Contains((EngineLimits.MaxInputFileBytes / (1024 * 1024)) + " MiB", e.Message);
    }

    [Fact]
    public void IstioOperatorFileOverTheCapIsRefused()
    {
        var path = Write("iop.yaml", new byte[EngineLimits.MaxInputFileBytes + 1]);
        var e = Assert.Throws<MeshException>(() => OperatorFileReader.ReadFile(path));
        Assert.Equal("InputFileTooLarge", e.ErrorId);
    }

    [Fact]
    public void HelmValuesAndSetFileOverTheCapAreRefused()
    {
        var path = Write("values.yaml", new byte[EngineLimits.MaxInputFileBytes + 1]);
        var values = new HelmValueOptions();
        values.ValueFiles.Add(path);
        Assert.Equal("InputFileTooLarge", Assert.Throws<MeshException>(() => values.Merge()).ErrorId);
        var setFile = new HelmValueOptions();
        setFile.FileValues.Add("a=" + path);
        Assert.Equal("InputFileTooLarge", Assert.Throws<MeshException>(() => setFile.Merge()).ErrorId);
    }
}
