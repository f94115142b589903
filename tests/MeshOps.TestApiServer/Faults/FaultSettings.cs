namespace MeshOps.Testing.KubeApi.Faults;

/// <summary>What the fault injector decided for one request.</summary>
public enum FaultKind { None, TooManyRequests, InternalError, ServiceUnavailable, DropConnection, FailRule }

/// <summary>A fault decision: the kind, and for rules the status code to answer.</summary>
public readonly record struct FaultDecision(FaultKind Kind, int Code = 0);

/// <summary>
/// Fault injection for one server, changeable while it runs: latency, rates (0..1) of 429 (with Retry-After), 500,
/// 503 and dropped connections drawn from a seeded random source, and rules that fail the Nth request matching a
/// verb and resource. Applies to API requests (/api, /apis) only, after authentication.
/// </summary>
public sealed class FaultSettings
{
    readonly object _sync = new();
    readonly List<FailRule> _rules = new();
    Random _random = new(0);
    int _seed;

    /// <summary>Delay added before every API request is served.</summary>
    public TimeSpan Latency { get; set; }
    /// <summary>Share (0..1) of API requests answered 429 TooManyRequests with Retry-After.</summary>
    public double TooManyRequestsRate { get; set; }
    /// <summary>Share (0..1) answered 500 InternalError.</summary>
    public double InternalErrorRate { get; set; }
    /// <summary>Share (0..1) answered 503 ServiceUnavailable.</summary>
    public double ServiceUnavailableRate { get; set; }
    /// <summary>Share (0..1) whose connection is aborted without an answer.</summary>
    public double DropConnectionRate { get; set; }
    /// <summary>
    /// When set, every watch stream ends after this long, whatever its timeoutSeconds, as a proxy's idle timeout or an
    /// API server restart ends it: the client must watch again.
    /// </summary>
    public TimeSpan? WatchCloseAfter { get; set; }
    /// <summary>Seconds sent in Retry-After with 429 (and 503).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The random seed; setting it restarts the deterministic sequence.</summary>
    public int Seed
    {
        get { lock (_sync) return _seed; }
        set { lock (_sync) { _seed = value; _random = new Random(value); } }
    }

    /// <summary>
    /// Fails the <paramref name="nth"/> (1-based, counted from now) request whose verb and resource match
    /// ("*" matches any; resource is the plural, e.g. "deployments") with <paramref name="statusCode"/>
    /// (0 drops the connection). A watch failed with 410 gets what kube-apiserver's watch cache sends for a compacted
    /// resourceVersion: 200 and one ERROR event (410 Expired).
    /// </summary>
    public void FailNth(string verb, string resource, int nth, int statusCode = 500)
    {
        if (nth < 1) throw new ArgumentOutOfRangeException(nameof(nth), "nth counts from 1");
        lock (_sync) _rules.Add(new FailRule(verb, resource, nth, statusCode));
    }

    /// <summary>Turns every fault off and restarts the random sequence from the seed.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _rules.Clear();
            Latency = TimeSpan.Zero;
            WatchCloseAfter = null;
            TooManyRequestsRate = InternalErrorRate = ServiceUnavailableRate = DropConnectionRate = 0;
            _random = new Random(_seed);
        }
    }

    public FaultDecision Decide(string verb, string resource)
    {
        lock (_sync)
        {
            foreach (var rule in _rules.ToList())
            {
                if (!rule.Matches(verb, resource)) continue;
                rule.Seen++;
                if (rule.Seen == rule.Nth)
                {
                    _rules.Remove(rule);
                    return rule.StatusCode == 0 ? new FaultDecision(FaultKind.DropConnection) : new FaultDecision(FaultKind.FailRule, rule.StatusCode);
                }
            }
            var total = TooManyRequestsRate + InternalErrorRate + ServiceUnavailableRate + DropConnectionRate;
            if (total <= 0) return new FaultDecision(FaultKind.None);
            var draw = _random.NextDouble();
            if ((draw -= TooManyRequestsRate) < 0) return new FaultDecision(FaultKind.TooManyRequests, 429);
            if ((draw -= InternalErrorRate) < 0) return new FaultDecision(FaultKind.InternalError, 500);
            if ((draw -= ServiceUnavailableRate) < 0) return new FaultDecision(FaultKind.ServiceUnavailable, 503);
            if ((draw -= DropConnectionRate) < 0) return new FaultDecision(FaultKind.DropConnection);
            return new FaultDecision(FaultKind.None);
        }
    }

    sealed class FailRule(string verb, string resource, int nth, int statusCode)
    {
        public int Nth { get; } = nth;
        public int StatusCode { get; } = statusCode;
        public int Seen { get; set; }
        public bool Matches(string v, string r) => (verb == "*" || verb == v) && (resource == "*" || resource == r);
    }
}
