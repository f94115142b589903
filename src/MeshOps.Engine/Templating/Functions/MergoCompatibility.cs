namespace MeshOps.Engine.Templating.Functions;

/// <summary>Which mergo release the merge family (merge, mergeOverwrite, must…) behaves like.</summary>
public enum MergoCompatibility
{
    /// <summary>dario.cat/mergo v1 as Helm 4 links it: a nil source value overwrites in mergeOverwrite.</summary>
    Current,

    /// <summary>
    /// imdario/mergo v0.3.5, which istioctl 1.18.5 pins with a go.mod replace: a nil source value is always skipped,
    /// and a source map never replaces a destination key that is already present (even nil or empty); it is only
    /// merged into it when that value is a map.
    /// </summary>
    V0_3_5,
}
