using PartnerBot.Configuration;

namespace PartnerBot.Tests.Configuration;

public sealed class PartnerBotOptionsValidationTests
{
    private static readonly PartnerBotOptions Valid = new()
    {
        PartnerTenantId = Guid.Parse("7d1e2a40-5b8c-4f0e-9a63-2c51d0e4b7aa"),
        HelpdeskStaff = ["0b6f5a2e-8c41-4d7a-b3e9-1f2a6c9d0e11"],
        Approvers = ["3c9e7b1d-2a54-4f86-9d0b-6e8a1c2f4b22"],
    };

    [Fact]
    public void Complete_settings_pass()
    {
        var result = new PartnerBotOptionsValidator().Validate(null, Valid);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Email_in_staff_list_fails()
    {
        var options = Valid with { HelpdeskStaff = ["adele@contoso.com"] };

        var result = new PartnerBotOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("PartnerBot:HelpdeskStaff contains 'adele@contoso.com', which is not an object ID.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_approver_list_fails()
    {
        var options = Valid with { Approvers = [] };

        var result = new PartnerBotOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("PartnerBot:Approvers is empty.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Privileged_policy_needs_privileged_approvers()
    {
        var options = Valid with { PrivilegedTargets = PrivilegedTargetPolicy.RequirePrivilegedApprover };

        var result = new PartnerBotOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("PartnerBot:PrivilegedApprovers is empty", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(257)]
    public void Password_length_out_of_range_fails(int length)
    {
        var options = Valid with { PasswordLength = length };

        var result = new PartnerBotOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"PartnerBot:PasswordLength is {length}.", failure, StringComparison.Ordinal);
    }
}
