using MeshOps.Engine.Charts;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>Cutting helm template's printed output into documents that join back to it byte for byte.</summary>
public class HelmOutputDocumentsTests
{
    private static string Join(IEnumerable<HelmOutputDocument> docs) => string.Concat(docs.Select(d => "---\n" + d.Yaml));

    [Fact]
    public void One_document_per_source_line_with_its_head_fields()
    {
        const string output = "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n" +
            "---\n# Source: c/templates/b.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n";
        var docs = HelmOutputDocuments.Split(output);
        Assert.Equal(output, Join(docs));
        Assert.Equal(new[] { "c/templates/a.yaml", "c/templates/b.yaml" }, docs.Select(d => d.Source));
        Assert.Equal(("v1", "ConfigMap", "a", "ns"), (docs[0].ApiVersion, docs[0].Kind, docs[0].Name, docs[0].Namespace));
        Assert.Equal(("apps/v1", "Deployment", "b", ""), (docs[1].ApiVersion, docs[1].Kind, docs[1].Name, docs[1].Namespace));
    }

    [Fact]
    public void A_raw_CRD_file_gives_one_document_per_object_and_keeps_its_empty_separators()
    {
        // A CRD file printed raw: it starts and ends with "---" and has a comment-only piece in the middle.
        const string output = "---\n# Source: c/crds/crds.yaml\n---\nkind: CustomResourceDefinition\nmetadata:\n  name: x.example.com\n" +
            "---\n# only a comment\n---\nkind: CustomResourceDefinition\nmetadata:\n  name: y.example.com\n---\n\n" +
            "---\n# Source: c/templates/a.yaml\nkind: ConfigMap\nmetadata:\n  name: a\n";
        var docs = HelmOutputDocuments.Split(output);
        Assert.Equal(output, Join(docs));
        Assert.Equal(new[] { "x.example.com", "y.example.com", "a" }, docs.Select(d => d.Name));
        Assert.Equal(new[] { "c/crds/crds.yaml", "c/crds/crds.yaml", "c/templates/a.yaml" }, docs.Select(d => d.Source));
    }

    [Fact]
    public void Helm_leading_empty_line_of_a_hooks_only_render_belongs_to_no_document()
    {
        const string output = "\n---\n# Source: c/templates/hook.yaml\nkind: Job\nmetadata:\n  name: h\n";
        var docs = HelmOutputDocuments.Split(output);
        Assert.Equal(output[1..], Join(docs));
        Assert.Equal("Job", Assert.Single(docs).Kind);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_keeps_its_text_without_head_fields()
    {
        const string output = "---\n# Source: c/templates/list.yaml\n- a\n- b\n---\n# Source: c/templates/bad.yaml\nkey: [unclosed\n";
        var docs = HelmOutputDocuments.Split(output);
        Assert.Equal(output, Join(docs));
        Assert.All(docs, d => Assert.Equal("", d.Kind));
    }

    [Fact]
    public void Empty_output_has_no_documents() => Assert.Empty(HelmOutputDocuments.Split(""));
}
