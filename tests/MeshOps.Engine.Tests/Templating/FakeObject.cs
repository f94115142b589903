using MeshOps.Engine.Templating;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>An IGoObject for tests: named fields in order and methods.</summary>
internal sealed class FakeObject : IGoObject, IGoStructFields
{
    private readonly List<(string Name, object? Value)> _fields;
    private readonly Dictionary<string, TemplateFunc> _methods = new(StringComparer.Ordinal);

    public FakeObject(string typeName, params (string Name, object? Value)[] fields)
    {
        GoTypeName = typeName;
        _fields = fields.ToList();
    }

    public string GoTypeName { get; }

    public IReadOnlyList<string> FieldNames => _fields.Select(f => f.Name).ToList();

    public FakeObject WithMethod(string name, TemplateFunc method)
    {
        _methods[name] = method;
        return this;
    }

    public bool TryGetField(string name, out object? value)
    {
        foreach (var (n, v) in _fields)
        {
            if (n == name)
            {
                value = v;
                return true;
            }
        }
        value = null;
        return false;
    }

    public bool TryGetMethod(string name, out TemplateFunc? method) => _methods.TryGetValue(name, out method);
}
