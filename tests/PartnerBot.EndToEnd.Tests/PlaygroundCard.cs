using Microsoft.Playwright;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// An Adaptive Card in one of the bot's messages, filled in and clicked as a person would. Each method is a
/// step of the chat, so a failure saves screenshots of all open pages.
/// </summary>
/// <remarks>
/// How the Agents Playground 0.2.28 renders the inputs of a card, which the locators rely on:
/// <list type="bullet">
/// <item>Input.Text is an input element whose accessible name is the input's label, so it is found by label.</item>
/// <item>Action.Execute is a button whose accessible name is the action's title.</item>
/// <item>Input.ChoiceSet with style "expanded" is a radiogroup named by the label, with one radio per choice
/// named by the choice's title.</item>
/// <item>Input.ChoiceSet with style "filtered" is a Fluent UI combobox named by the label. Its options appear only
/// after text is typed, filtered from the card's static choices; the Playground does not send the
/// application/search invoke of Data.Query. The options are in a listbox outside the card, at the end of the
/// page, and after a pick the box shows the choice's value instead of its title.</item>
/// </list>
/// An Action.Execute click replaces the card in the same message, so the locators keep finding the new card as
/// long as the message locator still matches it.
/// </remarks>
public sealed class PlaygroundCard
{
    private readonly PlaygroundChat chat;
    private readonly ILocator message;

    internal PlaygroundCard(PlaygroundChat chat, ILocator message)
    {
        this.chat = chat;
        this.message = message;
    }

    /// <summary>The message that contains the card, for assertions on its text.</summary>
    public ILocator Message => message;

    private static float TimeoutMilliseconds => (float)PlaygroundChat.ReplyTimeout.TotalMilliseconds;

    /// <summary>Replaces the text of the card's text input that has the label.</summary>
    public Task FillAsync(string label, string text) =>
        chat.RunStepAsync($"type '{text}' into '{label}'", () =>
            message.GetByLabel(label, new LocatorGetByLabelOptions { Exact = true })
                .FillAsync(text, new LocatorFillOptions { Timeout = TimeoutMilliseconds }));

    /// <summary>Clicks the card's button with the title, once it is enabled.</summary>
    public Task ClickAsync(string title) =>
        chat.RunStepAsync($"click '{title}'", () =>
            message.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = title, Exact = true })
                .ClickAsync(new LocatorClickOptions { Timeout = TimeoutMilliseconds }));

    /// <summary>
    /// Picks the choice with the title in the card's choice set that has the label, whether the Playground shows
    /// it as radio buttons or as a combobox. Waits for the choice set to appear, because it comes with the card
    /// that the bot returns for a search.
    /// </summary>
    public Task PickAsync(string label, string choiceTitle) =>
        chat.RunStepAsync($"pick '{choiceTitle}' in '{label}'", async () =>
        {
            var radioGroup = message.GetByRole(AriaRole.Radiogroup, new LocatorGetByRoleOptions { Name = label, Exact = true });
            var comboBox = message.GetByRole(AriaRole.Combobox, new LocatorGetByRoleOptions { Name = label, Exact = true });
            await Assertions.Expect(radioGroup.Or(comboBox)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = TimeoutMilliseconds });

            if (await radioGroup.IsVisibleAsync())
            {
                var radio = radioGroup.GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { Name = choiceTitle, Exact = true });
                await radio.CheckAsync(new LocatorCheckOptions { Timeout = TimeoutMilliseconds });
                return;
            }

            // Fill sets the whole text at once. Typing key by key loses the spaces, because the combobox takes a
            // pressed space as "select the active option".
            await comboBox.ClickAsync(new LocatorClickOptions { Timeout = TimeoutMilliseconds });
            await comboBox.FillAsync(choiceTitle, new LocatorFillOptions { Timeout = TimeoutMilliseconds });
            var option = chat.Page.GetByRole(AriaRole.Listbox)
                .GetByRole(AriaRole.Option, new LocatorGetByRoleOptions { Name = choiceTitle, Exact = true });
            await option.ClickAsync(new LocatorClickOptions { Timeout = TimeoutMilliseconds });
        });

    /// <summary>Asserts that the card shows the text, waiting for a card update that is still on its way.</summary>
    public Task AssertShowsAsync(string text) =>
        chat.RunStepAsync($"see '{text}' on the card", () =>
            Assertions.Expect(message).ToContainTextAsync(text, new LocatorAssertionsToContainTextOptions { Timeout = TimeoutMilliseconds }));

    /// <summary>Asserts that the card does not show the text now.</summary>
    public Task AssertDoesNotShowAsync(string text, string description) =>
        chat.RunStepAsync($"see no {description} on the card", () =>
            Assertions.Expect(message).Not.ToContainTextAsync(text, new LocatorAssertionsToContainTextOptions { Timeout = TimeoutMilliseconds }));
}
