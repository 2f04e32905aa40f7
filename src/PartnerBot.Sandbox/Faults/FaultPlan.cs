namespace PartnerBot.Sandbox.Faults;

/// <summary>Queued fault rules plus the configured random fault rate; safe to use from concurrent requests.</summary>
public sealed class FaultPlan(double randomFaultRate, int randomFaultSeed)
{
    private readonly Lock _lock = new();
    private readonly List<RuleState> _rules = [];
    private readonly Random _random = new(randomFaultSeed);
    private int _randomFaultsServed;

    public void Enqueue(SandboxFaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Count, 1);
        lock (_lock)
        {
            _rules.Add(new RuleState(rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<SandboxFaultRule> Pending()
    {
        lock (_lock)
        {
            return _rules.Select(state => state.Rule with { Count = state.Remaining }).ToList();
        }
    }

    /// <summary>Takes the fault for a request: the first matching queued rule, else maybe a random one.</summary>
    public SandboxFault? Take(string method, string path, Guid? correlationId)
    {
        lock (_lock)
        {
            var state = _rules.FirstOrDefault(candidate => candidate.Rule.Matches(method, path, correlationId));
            if (state is not null)
            {
                state.Remaining--;
                if (state.Remaining == 0)
                {
                    _rules.Remove(state);
                }

                return state.Rule.Fault;
            }

            if (randomFaultRate <= 0 || _random.NextDouble() >= randomFaultRate)
            {
                return null;
            }

            _randomFaultsServed++;
            return (_randomFaultsServed % 3) switch
            {
                0 => new SandboxFault { StatusCode = 429, RetryAfterSeconds = 1 },
                1 => new SandboxFault { StatusCode = 500 },
                _ => new SandboxFault { StatusCode = 503 },
            };
        }
    }

    private sealed class RuleState(SandboxFaultRule rule, int remaining)
    {
        public SandboxFaultRule Rule { get; } = rule;

        public int Remaining { get; set; } = remaining;
    }
}
