namespace MeshOps.Engine.Operator;

/// <summary>istioctl's object.DefaultObjectOrder and K8sObjects.Sort (score, then group, kind, name); 1.24+'s sortManifests.</summary>
internal static class ObjectOrder
{
    public static int Score(ManifestObject o) => Score(o, istioConfigEarly: true);

    public static int Score(ManifestObject o, bool istioConfigEarly)
    {
        var gk = o.Group + "/" + o.Kind;
        switch (gk)
        {
            case "apiextensions.k8s.io/CustomResourceDefinition": return -1000;
            case "/ServiceAccount" or "rbac.authorization.k8s.io/ClusterRole": return 1;
            case "rbac.authorization.k8s.io/ClusterRoleBinding": return 2;
            case "admissionregistration.k8s.io/ValidatingWebhookConfiguration": return 3;
        }
        if (istioConfigEarly && o.Group is "config.istio.io" or "security.istio.io" or "authentication.istio.io" or "networking.istio.io") return 4;
        return gk switch
        {
            "/ConfigMap" or "/Secrets" => 100,
            // istioctl compares against "extensions/Deployment" and "app/Deployment", so apps/v1 Deployments get the default.
            "extensions/Deployment" or "app/Deployment" => 1000,
            "autoscaling/HorizontalPodAutoscaler" => 1001,
            "/Service" => 10000,
            _ => 1000,
        };
    }

    public static List<ManifestObject> Sort(IEnumerable<ManifestObject> objects, bool istioConfigEarly = true) =>
        objects.OrderBy(o => Score(o, istioConfigEarly))
            .ThenBy(o => o.Group, StringComparer.Ordinal)
            .ThenBy(o => o.Kind, StringComparer.Ordinal)
            .ThenBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
}
