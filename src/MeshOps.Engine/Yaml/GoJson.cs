namespace MeshOps.Engine.Yaml;

/// <summary>Go's encoding/json for the engine's value model.</summary>
public static class GoJson
{
    /// <summary>
    /// json.Marshal (or json.MarshalIndent(v, "", "  ") when <paramref name="indent"/>): sorted keys, HTML-safe
    /// escaping, float64 formatted as Go does. NaN, infinities and unsupported CLR types throw a MeshException
    /// with ErrorId "YamlSerializeError" and Go's message (e.g. <c>json: unsupported value: NaN</c>).
    /// </summary>
    public static string Serialize(object? value, bool indent = false) => GoJsonWriter.Write(value, indent);

    /// <summary>json.Unmarshal into interface{}: numbers double, objects Dictionary, arrays List. Throws <see cref="JsonParseException"/>.</summary>
    public static object? Parse(string text) => GoJsonReader.Read(text ?? throw new ArgumentNullException(nameof(text)));
}
