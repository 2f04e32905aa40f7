using System.Text.Json.Nodes;

namespace PartnerBot.Manifest.Tests;

public sealed class BotCommandTests(PackagedApp package) : IClassFixture<PackagedApp>
{
    public static TheoryData<string> BotScopes => new() { "personal", "team", "groupChat" };

    private JsonNode Bot => package.Manifest["bots"]?[0]
        ?? throw new InvalidOperationException("The packaged manifest declares no bot.");

    [Fact]
    public void Bot_installs_in_three_scopes()
    {
        var scopes = Bot["scopes"]!.AsArray().Select(scope => scope!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(["groupChat", "personal", "team"], scopes);
    }

    [Fact]
    public void Bot_does_not_support_files()
    {
        var supportsFiles = Bot["supportsFiles"]?.GetValue<bool>();

        Assert.False(supportsFiles);
    }

    [Theory]
    [MemberData(nameof(BotScopes))]
    public void Scope_lists_the_three_commands(string scope)
    {
        var titles =
            from commandList in Bot["commandLists"]?.AsArray() ?? []
            where commandList!["scopes"]!.AsArray().Any(listScope => listScope!.GetValue<string>() == scope)
            from command in commandList!["commands"]!.AsArray()
            select command!["title"]!.GetValue<string>();

        var sortedTitles = titles.Order(StringComparer.Ordinal);

        Assert.Equal(["cancel", "help", "reset password"], sortedTitles);
    }
}
