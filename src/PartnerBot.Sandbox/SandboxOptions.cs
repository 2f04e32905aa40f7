namespace PartnerBot.Sandbox;

/// <summary>Settings of the Partner Center sandbox, bound from the <c>PartnerCenterSandbox</c> configuration section.</summary>
public sealed record SandboxOptions
{
    public const string SectionName = "PartnerCenterSandbox";

    /// <summary>Seed of the generated directory; the same seed gives the same customers and users. Default 20260401.</summary>
    public int Seed { get; init; } = 20260401;

    /// <summary>Number of customers, well-known ones included. Default 2,400.</summary>
    public int CustomerCount { get; init; } = 2_400;

    /// <summary>The bearer token accepted; any other token gets 401 with code 400. Default "partnerbot-sandbox-token".</summary>
    public string AccessToken { get; init; } = DefaultAccessToken;

    /// <summary>Share of API requests, from 0 to 1, that get a random 429, 500 or 503 response. Default 0.</summary>
    public double RandomFaultRate { get; init; }

    /// <summary>Seed of the random faults, so a reliability run can be repeated. Default 1.</summary>
    public int RandomFaultSeed { get; init; } = 1;

    /// <summary>Requests kept for inspection; the oldest is dropped first. Default 2,000.</summary>
    public int MaxRecordedRequests { get; init; } = 2_000;

    /// <summary>Characters of a request body kept in the record; the rest is cut. Default 16,384.</summary>
    public int MaxRecordedBodyLength { get; init; } = 16_384;

    /// <summary>Responses to earlier <c>MS-RequestId</c> values stored for idempotent replays. Default 10,000.</summary>
    public int MaxRememberedRequestIds { get; init; } = 10_000;

    public const string DefaultAccessToken = "partnerbot-sandbox-token";
}
