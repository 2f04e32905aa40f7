using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// The personal chat with the bot as a person sees it in the Agents Playground page: a compose box and a
/// list of messages. A failed step saves a screenshot of every open Playground page and writes the output
/// of the bot and the Playgrounds to the test output. Each step writes its duration to the test output.
/// </summary>
/// <remarks>
/// The Playground 0.2.28 page has no test ids. Each message is an element whose child has
/// aria-label="Message header", and that header contains aria-label="Message author" for messages of
/// others (here the bot) but not for the current user's own messages. The compose box is the page's only
/// contenteditable element with role="textbox": the log panel is editable too but has no role, and the text
/// inputs of Adaptive Cards are input elements, which have the role implicitly. The author of the
/// bot's messages is bot.name from the Playground configuration. The page sometimes shows the bot's reply
/// above the message it replies to, so a reply is found by counting the bot's messages before the send,
/// not by its place after the sent message.
/// </remarks>
public sealed class PlaygroundChat : IAsyncDisposable
{
    private const string MessageXPath = "//div[div[@aria-label='Message header']]";
    private const string BotMessageXPath = "//div[div[@aria-label='Message header']/div[@aria-label='Message author'][normalize-space()='PartnerBot']]";

    // Generous, because a busy CI machine can take seconds per step. A passing test does not wait for them.
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "failure-screenshots");

    private readonly PlaygroundFixture playground;
    private readonly IBrowserContext context;
    private readonly IPage page;
    private readonly string person;
    private readonly ITestOutputHelper output;
    private readonly string testName;

    private string? lastSentText;
    private int botMessageCountBeforeLastSend;

    /// <param name="person">The role of the Playground's current user, such as "requester", for messages and file names.</param>
    internal PlaygroundChat(PlaygroundFixture playground, IBrowserContext context, IPage page, string person, ITestOutputHelper output, string testName)
    {
        this.playground = playground;
        this.context = context;
        this.page = page;
        this.person = person;
        this.output = output;
        this.testName = testName;
    }

    internal IPage Page => page;

    private ILocator ComposeBox => page.Locator("[contenteditable='true'][role='textbox']");

    private ILocator BotMessages => page.Locator($"xpath={BotMessageXPath}");

    private ILocator OwnMessages =>
        page.Locator($"xpath={MessageXPath}").Filter(new LocatorFilterOptions { HasNot = page.Locator("[aria-label='Message author']") });

    /// <summary>The bot's messages that the page shows beyond those it showed before the last send.</summary>
    private ILocator RepliesToLastSent => page.Locator($"xpath=({BotMessageXPath})[position() > {botMessageCountBeforeLastSend}]");

    /// <summary>
    /// Returns the first of the bot's messages shown since the last send that contains the text. The locator
    /// waits for the reply when an assertion uses it.
    /// </summary>
    public ILocator ReplyContaining(string text)
    {
        if (lastSentText is null)
        {
            throw new InvalidOperationException("Send a message before looking for the bot's reply.");
        }

        return RepliesToLastSent.Filter(new LocatorFilterOptions { HasTextString = text }).First;
    }

    /// <summary>Returns the first of the bot's messages shown since the last send whose text matches the pattern.</summary>
    public ILocator ReplyMatching(Regex pattern)
    {
        if (lastSentText is null)
        {
            throw new InvalidOperationException("Send a message before looking for the bot's reply.");
        }

        return RepliesToLastSent.Filter(new LocatorFilterOptions { HasTextRegex = pattern }).First;
    }

    /// <summary>
    /// Returns the most recent of the bot's messages on the page that contains the text, whether or not this page
    /// sent anything, such as a card that the bot sent on its own.
    /// </summary>
    public ILocator MessageContaining(string text) => BotMessages.Filter(new LocatorFilterOptions { HasTextString = text }).Last;

    /// <summary>Returns the Adaptive Card in one of the bot's messages, to fill in and click.</summary>
    public PlaygroundCard CardIn(ILocator message) => new(this, message);

    /// <summary>
    /// Opens the page and waits until the compose box is editable and a message from the bot is shown. The
    /// page starts the personal chat, the Playground then sends the bot an installationUpdate, and the bot's
    /// welcome proves that the page receives the bot's messages.
    /// </summary>
    internal async Task OpenAsync(Uri playgroundUrl)
    {
        await RunStepAsync($"open {playgroundUrl}", async () =>
        {
            await page.GotoAsync(playgroundUrl.ToString(), new PageGotoOptions { Timeout = (float)PageTimeout.TotalMilliseconds });
            await Assertions.Expect(ComposeBox).ToBeEditableAsync(new LocatorAssertionsToBeEditableOptions { Timeout = (float)PageTimeout.TotalMilliseconds });
            await Assertions.Expect(BotMessages.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)PageTimeout.TotalMilliseconds });
        });
    }

    /// <summary>
    /// Types the text into the compose box, presses Enter once the box shows the whole text, and waits until
    /// the chat shows the sent message.
    /// </summary>
    public async Task SendAsync(string text)
    {
        await RunStepAsync($"send '{text}'", async () =>
        {
            botMessageCountBeforeLastSend = await BotMessages.CountAsync();

            await ComposeBox.ClickAsync();
            await ComposeBox.PressSequentiallyAsync(text);
            await Assertions.Expect(ComposeBox).ToHaveTextAsync(text, new LocatorAssertionsToHaveTextOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds });
            await ComposeBox.PressAsync("Enter");

            var sent = OwnMessages.Filter(new LocatorFilterOptions { Has = page.GetByText(text, new PageGetByTextOptions { Exact = true }) }).Last;
            await Assertions.Expect(sent).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds });
        });

        lastSentText = text;
    }

    /// <summary>Asserts that the element becomes visible within the reply timeout.</summary>
    public async Task AssertVisibleAsync(ILocator locator, string description)
    {
        await RunStepAsync($"see {description}", () =>
            Assertions.Expect(locator).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds }));
    }

    /// <summary>Asserts that no element on the whole page, the chat list and the log panel included, shows the text.</summary>
    public async Task AssertPageDoesNotShowAsync(string text, string description)
    {
        await RunStepAsync($"see no {description} anywhere on the page", () =>
            Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(text, new LocatorAssertionsToContainTextOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds }));
    }

    /// <summary>
    /// Waits until the element is visible and returns its text content. Unlike the rendered text, the text
    /// content keeps the line breaks of a plain-text message, which the Playground shows as spaces.
    /// </summary>
    public async Task<string> ReadTextAsync(ILocator locator, string description)
    {
        var text = string.Empty;
        await RunStepAsync($"read {description}", async () =>
        {
            await Assertions.Expect(locator).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds });
            text = await locator.TextContentAsync() ?? string.Empty;
        });

        return text;
    }

    /// <summary>
    /// Runs checks that do not use the page, such as asking the sandbox what happened, and treats a failed
    /// assertion like a failed step, so the screenshots show what both people saw.
    /// </summary>
    public Task VerifyAsync(string description, Func<Task> checks) => RunStepAsync($"verify that {description}", checks);

    public async ValueTask DisposeAsync()
    {
        playground.Forget(this);
        await context.CloseAsync();
    }

    /// <summary>
    /// Runs one step of the test and writes its duration to the test output. When it fails, saves a screenshot
    /// of every open Playground page, writes the processes' output to the test output, and fails the test with a
    /// message that names the step, the bot's messages and the screenshots.
    /// </summary>
    internal async Task RunStepAsync(string step, Func<Task> action)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await action();
            output.WriteLine($"{person}: {step} ({stopwatch.Elapsed.TotalSeconds:0.0} s)");
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException or XunitException)
        {
            var screenshotPaths = await playground.SaveScreenshotsOfOpenPagesAsync(testName);
            var replies = await DescribeRepliesAsync();

            output.WriteLine(playground.DescribeProcessOutput());
            throw new XunitException(
                $"Failed to {step} in the {person}'s Agents Playground after {stopwatch.Elapsed.TotalSeconds:0} s.\n" +
                $"{replies}\n" +
                $"Screenshots: {string.Join(", ", screenshotPaths)}\n" +
                $"The output of the bot and the Playgrounds is in the test output.\n\n{exception.Message}");
        }
    }

    /// <summary>Saves a screenshot of the whole page and returns its path, or the reason why none was saved.</summary>
    internal async Task<string> SaveScreenshotAsync(string testName)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{testName}-{person}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");

        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            return path;
        }
        catch (PlaywrightException exception)
        {
            return $"(none: {exception.Message})";
        }
    }

    private async Task<string> DescribeRepliesAsync()
    {
        if (lastSentText is null)
        {
            var botMessages = await BotMessages.AllInnerTextsAsync();
            return $"The bot's messages on the page: {FormatTexts(botMessages)}";
        }

        var replies = await RepliesToLastSent.AllInnerTextsAsync();
        return $"The bot's replies to '{lastSentText}': {FormatTexts(replies)}";
    }

    private static string FormatTexts(IReadOnlyList<string> texts) =>
        texts.Count == 0 ? "none" : string.Join(" | ", texts.Select(text => text.ReplaceLineEndings(" ")));
}
