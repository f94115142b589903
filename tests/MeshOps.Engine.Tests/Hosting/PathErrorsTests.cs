using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Hosting;

public sealed class PathErrorsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("meshops-paths-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string File(string name)
    {
        var path = Path.Combine(dir, name);
        System.IO.File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void AFolderWhereAFileIsNeededIsPathIsDirectory()
    {
        var e = Assert.Throws<MeshException>(() => PathErrors.RequireNotDirectory(dir, "-ValuesPath"));
        Assert.Equal("PathIsDirectory", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("is a directory", e.Message);
        PathErrors.RequireNotDirectory(Path.Combine(dir, "missing.yaml"), "-ValuesPath"); // missing files are the reader's to report
        e = Assert.Throws<MeshException>(() => PathErrors.RequireWritableFile(dir, "-Path"));
        Assert.Equal("PathIsDirectory", e.ErrorId);
    }

    [Fact]
    public void AFileToWriteNeedsAnExistingFolder()
    {
        PathErrors.RequireWritableFile(Path.Combine(dir, "new.yaml"), "-Path");
        var e = Assert.Throws<MeshException>(() => PathErrors.RequireWritableFile(Path.Combine(dir, "no", "such", "iop.yaml"), "-Path"));
        Assert.Equal("OutputPathInvalid", e.ErrorId);
        Assert.Contains("does not exist", e.Message);
        var file = File("plain.txt");
        e = Assert.Throws<MeshException>(() => PathErrors.RequireWritableFile(Path.Combine(file, "iop.yaml"), "-Path"));
        Assert.Equal("OutputPathInvalid", e.ErrorId);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void AFolderToWriteMayBeMissingButNotAFileOrUnderOne()
    {
        PathErrors.RequireWritableDirectory(Path.Combine(dir, "a", "b"), "-OutputDirectory");
        var file = File("plain.txt");
        var e = Assert.Throws<MeshException>(() => PathErrors.RequireWritableDirectory(file, "-OutputDirectory"));
        Assert.Equal("OutputPathInvalid", e.ErrorId);
        Assert.Contains("is a file", e.Message);
        e = Assert.Throws<MeshException>(() => PathErrors.RequireWritableDirectory(Path.Combine(file, "x", "y"), "-OutputDirectory"));
        Assert.Equal("OutputPathInvalid", e.ErrorId);
    }

    [Fact]
    public void AFolderThatCannotBeCreatedFailsBeforeAnyWorkAndNothingIsLeft()
    {
        var missing = Path.Combine(dir, "a", "b");
        PathErrors.RequireCreatableDirectory(missing, "-OutputDirectory");
        Assert.False(Directory.Exists(Path.Combine(dir, "a"))); // the probe is removed
        PathErrors.RequireCreatableDirectory(dir, "-OutputDirectory"); // an existing folder is left to the writes
        var e = Assert.Throws<MeshException>(() => PathErrors.RequireCreatableDirectory(File("f.txt"), "-OutputDirectory"));
        Assert.Contains("is a file", e.Message);
        if (!OperatingSystem.IsLinux()) return;
        e = Assert.Throws<MeshException>(() => PathErrors.RequireCreatableDirectory("/proc/meshops-out/x", "-OutputDirectory"));
        Assert.Equal("OutputPathInvalid", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("cannot be created", e.Message);
    }

    [SharedFact]
    public void WriteToDirectoryAsksPerFileAndFailsWithOutputPathInvalid()
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = SharedData.ReleaseManifests }, NullMeshHost.Instance);
        var asked = new List<string>();
        var output = Path.Combine(dir, "out");
        Assert.Empty(manifest.WriteToDirectory(output, f => { asked.Add(f); return false; }));
        Assert.False(Directory.Exists(output)); // -WhatIf creates nothing
        Assert.Equal(manifest.PlannedFiles(output).Select(p => p.File), asked);
        Assert.Contains(Path.Combine(output, "Base", "Pilot", "Pilot.yaml"), asked);

        var onlyBase = manifest.WriteToDirectory(output, f => f.EndsWith("Base.yaml", StringComparison.Ordinal));
        Assert.Equal([Path.Combine(output, "Base", "Base.yaml")], onlyBase);
        Assert.False(Directory.Exists(Path.Combine(output, "Base", "Pilot")));

        var file = File("not-a-folder");
        Assert.Equal("OutputPathInvalid", Assert.Throws<MeshException>(() => manifest.WriteToDirectory(file)).ErrorId);
        // A component folder taken by a file fails with our id, not an IOException.
        var blocked = Path.Combine(dir, "blocked");
        Directory.CreateDirectory(Path.Combine(blocked, "Base"));
        System.IO.File.WriteAllText(Path.Combine(blocked, "Base", "Pilot"), "in the way");
        Assert.Equal("OutputPathInvalid", Assert.Throws<MeshException>(() => manifest.WriteToDirectory(blocked)).ErrorId);
    }
}
