namespace MeshOps.Engine.Operator;

/// <summary>
/// <c>k8s.overlays</c> as istioctl's patch.YAMLManifestPatch applies them: each overlay names one object
/// (kind and name, in the component's namespace or cluster-scoped) and sets values at istioctl paths.
/// 1.24+ (render.postProcess) is looser: an overlay patches every object of that kind and name, overlays build on
/// one another, and one that matches nothing is no error.
/// </summary>
internal static class ManifestPatcher
{
    public static void Apply(IstioctlRelease release, List<ManifestObject> objects, string defaultNamespace, List<object?> overlays, string overlaysPath)
    {
        if (release.Family == IstioctlFamily.Render)
        {
            ApplyCumulative(objects, overlays, overlaysPath);
            return;
        }
        var problems = new List<OperatorIssue>();
        var matches = new int[overlays.Count];
        foreach (var obj in objects)
        {
            Dictionary<string, object?>? patched = null;
            for (var i = 0; i < overlays.Count; i++)
            {
                if (overlays[i] is not Dictionary<string, object?> overlay) continue;
                var kind = overlay.GetValueOrDefault("kind") as string ?? "";
                var name = overlay.GetValueOrDefault("name") as string ?? "";
                if (obj.Kind != kind || obj.Name != name || (obj.Namespace != defaultNamespace && obj.Namespace != "")) continue;
                matches[i]++;
                // Like istioctl, every matching overlay starts again from the rendered object: the last one wins.
                patched = ApplyPatches(obj.Value, overlay.GetValueOrDefault("patches") as List<object?>, $"{overlaysPath}[{i}]", problems);
            }
            if (patched != null) obj.Replace(patched);
        }
        for (var i = 0; i < overlays.Count; i++)
        {
            var overlay = overlays[i] as Dictionary<string, object?>;
            var label = $"{overlay?.GetValueOrDefault("kind")}:{overlay?.GetValueOrDefault("name")}";
            if (matches[i] == 0)
                problems.Add(new OperatorIssue("OverlayNoMatch",
                    $"overlay for {label} does not match any object in output manifest. Available objects are: {string.Join(", ", objects.Select(o => o.Key))}",
                    null, 0, 0, $"{overlaysPath}[{i}]"));
            else if (matches[i] > 1)
                problems.Add(new OperatorIssue("OverlayMultipleMatches", $"overlay for {label} matches multiple objects in output manifest; give a more specific name",
                    null, 0, 0, $"{overlaysPath}[{i}]"));
        }
        if (problems.Count > 0) throw new IstioOperatorException(problems);
    }

    private static void ApplyCumulative(List<ManifestObject> objects, List<object?> overlays, string overlaysPath)
    {
        var problems = new List<OperatorIssue>();
        for (var i = 0; i < overlays.Count; i++)
        {
            if (overlays[i] is not Dictionary<string, object?> overlay) continue;
            var kind = overlay.GetValueOrDefault("kind") as string ?? "";
            var name = overlay.GetValueOrDefault("name") as string ?? "";
            foreach (var obj in objects.Where(o => o.Kind == kind && o.Name == name))
                obj.Replace(ApplyPatches(obj.Value, overlay.GetValueOrDefault("patches") as List<object?>, $"{overlaysPath}[{i}]", problems));
        }
        if (problems.Count > 0) throw new IstioOperatorException(problems);
    }

    private static Dictionary<string, object?> ApplyPatches(Dictionary<string, object?> original, List<object?>? patches, string path, List<OperatorIssue> problems)
    {
        var root = TreeOps.CloneMap(original);
        if (patches == null) return root;
        for (var i = 0; i < patches.Count; i++)
        {
            if (patches[i] is not Dictionary<string, object?> p) continue;
            var patchPath = p.GetValueOrDefault("path") as string ?? "";
            if (patchPath.Trim().Length == 0) continue; // istioctl warns and skips
            var value = TreeOps.Clone(p.GetValueOrDefault("value"));
            try
            {
                var ctx = TreeOps.GetPathContext(root, TreePath.Parse(patchPath), createMissing: true);
                if (value == null) Remove(ctx);
                else TreeOps.WritePathContext(ctx, value, merge: false, appendToLists: false);
            }
            catch (TreePathException e)
            {
                problems.Add(new OperatorIssue("OverlayPathInvalid", $"{e.Message} (patch path \"{patchPath}\")", null, 0, 0, $"{path}.patches[{i}]"));
            }
        }
        return root;
    }

    // A patch without a value removes the node (a list item selected with [key:value], or a map key).
    private static void Remove(TreeOps.PathContext ctx)
    {
        switch (ctx.Parent?.Node)
        {
            case List<object?> list when ctx.Parent.KeyToChild is int idx && idx < list.Count:
                list.RemoveAt(idx);
                break;
            case Dictionary<string, object?> map when ctx.Parent.KeyToChild is string key:
                map.Remove(key);
                break;
        }
    }
}
