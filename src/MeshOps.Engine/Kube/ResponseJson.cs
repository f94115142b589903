using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Parses an API answer from its UTF-8 bytes as <see cref="RetryHandler"/> buffered them. Reading it as a string first
/// decoded every byte to UTF-16 and the parser encoded it back: a 500-object list page is a few hundred kilobytes, so
/// each page cost large-object-heap copies (bench/README.md, Labels: the paged pod list after a label change).
/// </summary>
internal static class ResponseJson
{
    /// <summary>The answer as a JSON object: an empty one for an empty (or blank) body or a non-object value; throws JsonException for text that is not JSON.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength == 0) return new JsonObject();
        JsonNode? node;
        // A buffered body's stream reads that buffer in place; the parser skips a UTF-8 byte order mark as the string read did.
        await using (var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                node = JsonNode.Parse(stream);
            }
            catch (JsonException)
            {
                // A blank body is "no object", as before; only then is the text read again.
                if (string.IsNullOrWhiteSpace(await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))) return new JsonObject();
                throw;
            }
        }
        return node as JsonObject ?? new JsonObject();
    }
}
