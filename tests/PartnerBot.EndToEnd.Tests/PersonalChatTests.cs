using Xunit.Abstractions;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// A helpdesk agent types commands in the personal chat with the bot in the Agents Playground.
/// </summary>
/// <remarks>
/// NOTE: every page opens the same personal conversation id from the Playground configuration, so the bot's
/// state for that conversation carries over from one test to the next. A test that leaves a request open
/// must cancel it.
/// </remarks>
[Collection(PlaygroundCollection.Name)]
public sealed class PersonalChatTests(PlaygroundFixture playground, ITestOutputHelper output)
{
    [Fact]
    public async Task Help_shows_command_card()
    {
        await using var chat = await playground.OpenPersonalChatAsync(output);

        await chat.SendAsync("help");

        var card = chat.ReplyContaining(ExpectedReplies.HelpCardTitle);
        await chat.AssertVisibleAsync(card, $"the help card titled '{ExpectedReplies.HelpCardTitle}'");
        foreach (var command in ExpectedReplies.HelpCardCommands)
        {
            await chat.AssertVisibleAsync(card.GetByText(command, new() { Exact = true }), $"'{command}' on the help card");
        }
    }

    [Fact]
    public async Task Reset_password_starts_request()
    {
        await using var chat = await playground.OpenPersonalChatAsync(output);

        await chat.SendAsync("reset password");

        await chat.AssertVisibleAsync(chat.ReplyContaining(ExpectedReplies.ResetPasswordStarted), "the reply to reset password");

        // Cancels on this page, because a cancel from a later page makes the bot update this page's card, and then
        // the Playground sometimes does not show the later page the bot's reply.
        await chat.SendAsync("cancel");
        await chat.AssertVisibleAsync(chat.ReplyContaining(ExpectedReplies.RequestCancelled), "the reply to cancel");
    }

    [Fact]
    public async Task Cancel_without_request_says_none()
    {
        await using var chat = await playground.OpenPersonalChatAsync(output);

        // The Playground keeps one personal conversation for all tests, so a request from an earlier test
        // may still be open: the first cancel ends it, the second finds nothing.
        await chat.SendAsync("cancel");
        await chat.SendAsync("cancel");

        await chat.AssertVisibleAsync(chat.ReplyContaining(ExpectedReplies.NothingToCancel), "the reply to cancel");
    }

    [Fact]
    public async Task Unknown_text_shows_hint()
    {
        await using var chat = await playground.OpenPersonalChatAsync(output);

        await chat.SendAsync("what's the weather");

        await chat.AssertVisibleAsync(chat.ReplyContaining(ExpectedReplies.UnknownCommand), "the hint to type help");
    }
}
