using System.Text;

namespace MeshOps.Testing.KubeApi.Hosting;

/// <summary>Writes a kubeconfig for the server: CA data, bearer token, one cluster/user/context.</summary>
public static class Kubeconfig
{
    public static string Render(Uri server, string caPem, string token, string contextName, string? defaultNamespace)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\n");
        sb.Append("kind: Config\n");
        sb.Append("clusters:\n");
        sb.Append($"- name: {contextName}\n  cluster:\n    server: {server.GetLeftPart(UriPartial.Authority)}\n    certificate-authority-data: {ca}\n");
        sb.Append("users:\n");
        sb.Append($"- name: {contextName}\n  user:\n    token: {token}\n");
        sb.Append("contexts:\n");
        sb.Append($"- name: {contextName}\n  context:\n    cluster: {contextName}\n    user: {contextName}\n");
        if (!string.IsNullOrEmpty(defaultNamespace)) sb.Append($"    namespace: {defaultNamespace}\n");
        sb.Append($"current-context: {contextName}\n");
        return sb.ToString();
    }
}
