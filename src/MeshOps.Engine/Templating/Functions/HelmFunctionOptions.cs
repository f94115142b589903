namespace MeshOps.Engine.Templating.Functions;

/// <summary>What Helm's late-bound functions need to know about the render.</summary>
public sealed class HelmFunctionOptions
{
    /// <summary>
    /// Helm's lint mode: <c>required</c> and <c>fail</c> yield "" instead of failing (Helm logs the message instead).
    /// </summary>
    public bool LintMode { get; init; }

    /// <summary>
    /// Answers <c>lookup apiVersion kind namespace name</c>. Null (the default, as <c>helm template</c>) answers an empty map.
    /// A list lookup (empty name) should return a map with an "items" list, as Helm does.
    /// </summary>
    public Func<string, string, string, string, Dictionary<string, object?>>? Lookup { get; init; }

    /// <summary>
    /// The mergo release the merge family follows: <see cref="MergoCompatibility.Current"/> (Helm 4, the default) or
    /// <see cref="MergoCompatibility.V0_3_5"/> (istioctl 1.18.5).
    /// </summary>
    public MergoCompatibility MergoCompatibility { get; init; } = MergoCompatibility.Current;

    /// <summary>The Masterminds/semver release semverCompare follows (Helm 4's by default).</summary>
    public Versions.SemverCompatibility SemverCompatibility { get; init; } = Versions.SemverCompatibility.Current;
}
