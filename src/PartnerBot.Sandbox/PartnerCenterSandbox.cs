using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.Sandbox;

/// <summary>
/// The state of one sandbox: its seeded directory, the passwords it has set, stored responses per
/// <c>MS-RequestId</c>, the request record and the fault plan. Tests reach it through DI or the <c>/_sandbox</c> endpoints.
/// </summary>
public sealed class PartnerCenterSandbox
{
    private readonly Lock _resetLock = new();
    private readonly Dictionary<(Guid CustomerId, Guid UserId), PasswordState> _passwords = [];
    private readonly Dictionary<Guid, StoredResponse> _responses = [];
    private readonly Queue<Guid> _responseOrder = new();
    private readonly int _maxRememberedRequestIds;

    public PartnerCenterSandbox(SandboxOptions options)
    {
        Options = options;
        Directory = new SeededDirectory(options.Seed, options.CustomerCount);
        Recorder = new RequestRecorder(options.MaxRecordedRequests, options.MaxRecordedBodyLength);
        Faults = new FaultPlan(options.RandomFaultRate, options.RandomFaultSeed);
        _maxRememberedRequestIds = options.MaxRememberedRequestIds;
    }

    public SandboxOptions Options { get; }

    public SeededDirectory Directory { get; }

    public RequestRecorder Recorder { get; }

    public FaultPlan Faults { get; }

    /// <summary>True when the sandbox has set this password for the user most recently.</summary>
    public bool PasswordMatches(Guid customerId, Guid userId, string password)
    {
        lock (_resetLock)
        {
            return _passwords.TryGetValue((customerId, userId), out var state) &&
                string.Equals(state.Password, password, StringComparison.Ordinal);
        }
    }

    /// <summary>How many resets the sandbox has applied to the user; a replayed request id does not count.</summary>
    public int ResetCount(Guid customerId, Guid userId)
    {
        lock (_resetLock)
        {
            return _passwords.TryGetValue((customerId, userId), out var state) ? state.ResetCount : 0;
        }
    }

    /// <summary>
    /// Runs <paramref name="apply"/> once per request id: a repeated id gets the first response and applies nothing.
    /// </summary>
    internal StoredResponse ApplyOnce(Guid requestId, Func<StoredResponse> apply)
    {
        lock (_resetLock)
        {
            if (_responses.TryGetValue(requestId, out var earlier))
            {
                return earlier;
            }

            var response = apply();
            _responses[requestId] = response;
            _responseOrder.Enqueue(requestId);
            while (_responseOrder.Count > _maxRememberedRequestIds)
            {
                _responses.Remove(_responseOrder.Dequeue());
            }

            return response;
        }
    }

    /// <summary>Stores a new password; call only inside <see cref="ApplyOnce"/>.</summary>
    internal void SetPassword(Guid customerId, Guid userId, string password)
    {
        var count = _passwords.TryGetValue((customerId, userId), out var state) ? state.ResetCount : 0;
        _passwords[(customerId, userId)] = new PasswordState(password, count + 1);
    }

    private sealed record PasswordState(string Password, int ResetCount);
}

/// <summary>A response stored so that a repeated request id gets exactly the same one.</summary>
internal sealed record StoredResponse(int StatusCode, byte[] Body);
