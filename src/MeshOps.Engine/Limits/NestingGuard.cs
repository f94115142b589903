using System.Runtime.CompilerServices;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Limits;

/// <summary>
/// Guards the engine's recursive walks over values (merge, copy, emit, print, translate, validate): each level
/// calls <see cref="Enter"/> before it recurses, and the walk fails with ValueNestingTooDeep past
/// <see cref="EngineLimits.MaxValueDepth"/> or when the thread's stack runs short. The depth is counted per thread,
/// so walks need no extra parameter; a map that contains itself (made inside a template) ends here instead of
/// recursing until the process dies.
/// </summary>
public static class NestingGuard
{
    [ThreadStatic] private static int _depth;

    // Collections entered since the outermost level of the current walk was entered.
    [ThreadStatic] private static int _visited;

    /// <summary>Enters one level; dispose the result when the level is done (a using declaration).</summary>
    /// <exception cref="MeshException">ValueNestingTooDeep, or TemplateValueTooLarge past <see cref="EngineLimits.MaxWalkCollections"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Level Enter()
    {
        if (_depth == 0) _visited = 0;
        if (++_visited > EngineLimits.MaxWalkCollections) throw TooMany();
        if (++_depth > EngineLimits.MaxValueDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw TooDeep();
        }
        return new Level(entered: true);
    }

    /// <summary>
    /// <see cref="Enter"/> when the value being walked is a map or list; a scalar neither nests nor counts towards
    /// <see cref="EngineLimits.MaxWalkCollections"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Level EnterIf(bool isCollection) => isCollection ? Enter() : default;

    /// <summary>Checks one more level without entering it (for walks that pass their depth along).</summary>
    /// <exception cref="MeshException">ValueNestingTooDeep.</exception>
    public static void Check(int depth)
    {
        if (depth > EngineLimits.MaxValueDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw TooDeep();
    }

    public static MeshException TooDeep() =>
        new("ValueNestingTooDeep", MeshErrorKind.LimitsExceeded,
            $"A value is nested more than {EngineLimits.MaxValueDepth} maps or lists deep, or contains itself (a map set into itself in a template); flatten it, or copy the map instead of setting it into itself.");

    public static MeshException TooMany() =>
        new(TemplateLimits.ValueTooLargeId, MeshErrorKind.LimitsExceeded,
            $"A value holds more than {EngineLimits.MaxWalkCollections} maps and lists, counting one that appears several times each time it appears (a template that puts a value into a new map twice per loop step doubles it); build it without the repeated references.");

    /// <summary>One entered level.</summary>
    public readonly struct Level : IDisposable
    {
        private readonly bool _entered;

        internal Level(bool entered) => _entered = entered;

        public void Dispose()
        {
            if (_entered) _depth--;
        }
    }
}
