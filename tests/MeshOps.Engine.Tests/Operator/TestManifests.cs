namespace MeshOps.Engine.Tests.Operator;

/// <summary>
/// A tiny manifests folder (profiles/ and an empty charts/) in a temp directory, so merge and validation tests
/// run without ../shared. Its default profile keeps the shape of Istio's: base, pilot and both gateways.
/// </summary>
internal sealed class TestManifests : IDisposable
{
    public TestManifests()
    {
        Root = Path.Combine(Path.GetTempPath(), "meshops-op-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "charts"));
        Directory.CreateDirectory(Path.Combine(Root, "profiles"));
        File.WriteAllText(Path.Combine(Root, "profiles", "default.yaml"), """
            apiVersion: install.istio.io/v1alpha1
            kind: IstioOperator
            metadata:
              namespace: istio-system
            spec:
              hub: gcr.io/istio-testing
              tag: latest
              meshConfig:
                defaultConfig:
                  proxyMetadata: {}
                enablePrometheusMerge: true
              components:
                base:
                  enabled: true
                pilot:
                  enabled: true
                ingressGateways:
                - name: istio-ingressgateway
                  enabled: true
                egressGateways:
                - name: istio-egressgateway
                  enabled: false
                cni:
                  enabled: false
              values:
                global:
                  istioNamespace: istio-system
                  hub: gcr.io/istio-testing
                pilot:
                  autoscaleEnabled: true
                  replicaCount: 1
                gateways:
                  istio-ingressgateway:
                    autoscaleEnabled: true
                  istio-egressgateway:
                    autoscaleEnabled: true
            """);
        File.WriteAllText(Path.Combine(Root, "profiles", "minimal.yaml"), """
            apiVersion: install.istio.io/v1alpha1
            kind: IstioOperator
            spec:
              components:
                ingressGateways:
                - name: istio-ingressgateway
                  enabled: false
            """);
    }

    public string Root { get; }

    /// <summary>Writes an input file into the folder and returns its path.</summary>
    public string WriteFile(string name, string yaml)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
