using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// The personal chat with the bot as a person sees it in the Agents Playground page: a compose box and a
/// list of messages. A failed step saves a screenshot and writes the bot's and the Playground's output to
/// the test output.
/// </summary>
/// <remarks>
/// The Playground 0.2.28 page has no test ids. Each message is an element whose child has
/// aria-label="Message header", and that header contains aria-label="Message author" for messages of
/// others (here the bot) but not for the current user's own messages. The compose box is the page's only
/// element with role="textbox", because the log panel is editable too but has no role. The author of the
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
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "failure-screenshots");

    private readonly PlaygroundFixture playground;
    private readonly IBrowserContext context;
    private readonly IPage page;
    private readonly ITestOutputHelper output;
    private readonly string testName;

    private string? lastSentText;
    private int botMessageCountBeforeLastSend;

    internal PlaygroundChat(PlaygroundFixture playground, IBrowserContext context, IPage page, ITestOutputHelper output, string testName)
    {
        this.playground = playground;
        this.context = context;
        this.page = page;
        this.output = output;
        this.testName = testName;
    }

    private ILocator ComposeBox => page.GetByRole(AriaRole.Textbox);

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

    /// <summary>
    /// Opens the page and waits until the compose box is editable and a message from the bot is shown. The
    /// page starts the personal chat, the Playground then sends the bot an installationUpdate, and the bot's
    /// welcome proves that the page receives the bot's messages.
    /// </summary>
    internal async Task OpenAsync(Uri playgroundUrl)
    {
        await RunStepAsync($"open {playgroundUrl}", PageTimeout, async () =>
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
        await RunStepAsync($"send '{text}'", ReplyTimeout, async () =>
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
        await RunStepAsync($"see {description}", ReplyTimeout, () =>
            Assertions.Expect(locator).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)ReplyTimeout.TotalMilliseconds }));
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    /// <summary>
    /// Runs one step of the test. When it fails, saves a screenshot, writes the processes' output to the test
    /// output, and fails the test with a message that names the step, the bot's replies and the screenshot.
    /// </summary>
    private async Task RunStepAsync(string step, TimeSpan timeout, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            var screenshotPath = await SaveScreenshotAsync();
            var replies = await DescribeRepliesAsync();

            output.WriteLine(playground.DescribeProcessOutput());
            throw new XunitException(
                $"Failed to {step} in the Agents Playground within {timeout.TotalSeconds:0} s.\n" +
                $"{replies}\n" +
                $"Screenshot: {screenshotPath}\n" +
                $"The bot's and the Playground's output are in the test output.\n\n{exception.Message}");
        }
    }

    private async Task<string> SaveScreenshotAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{testName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");

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
