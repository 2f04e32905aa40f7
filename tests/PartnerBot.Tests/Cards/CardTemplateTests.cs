using System.Text.Json.Nodes;
using PartnerBot.Cards;

namespace PartnerBot.Tests.Cards;

public sealed class CardTemplateTests
{
    [Fact]
    public void Every_template_is_an_adaptive_card()
    {
        var names = CardRenderer.TemplateNames;

        Assert.Contains("help", names);
        Assert.Contains("error", names);
        foreach (var name in names)
        {
            var card = RenderWithSampleValues(name);
            Assert.Equal("AdaptiveCard", card["type"]?.GetValue<string>());
            Assert.True(Version.Parse(card["version"]!.GetValue<string>()) >= new Version(1, 4), $"Template '{name}' must use card version 1.4 or later for Action.Execute.");
            Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_execute_action_has_verb()
    {
        foreach (var name in CardRenderer.TemplateNames)
        {
            var card = RenderWithSampleValues(name);

            var actions = Descendants(card).OfType<JsonObject>().Where(node => node["type"]?.GetValue<string>() == "Action.Execute");

            Assert.All(actions, action => Assert.False(string.IsNullOrWhiteSpace(action["verb"]?.GetValue<string>()), $"An Action.Execute in '{name}' has no verb."));
        }
    }

    [Fact]
    public void Error_card_shows_text_literally()
    {
        var renderer = new CardRenderer();
        const string hostile = "\"}]} [click](https://example.com) **bold** ${message}";

        var card = JsonNode.Parse(renderer.RenderError(hostile))!;

        var run = card["body"]![0]!["inlines"]![0]!;
        Assert.Equal("TextRun", run["type"]!.GetValue<string>());
        Assert.Equal(hostile, run["text"]!.GetValue<string>());
    }

    [Fact]
    public void Missing_placeholder_value_throws()
    {
        var renderer = new CardRenderer();

        var exception = Assert.Throws<InvalidOperationException>(() => renderer.Render("error", new Dictionary<string, string>()));

        Assert.Contains("'message'", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Renders a template with "sample" for every text placeholder and an empty list for every node
    /// placeholder, which the renderer splices away.
    /// </summary>
    private static JsonNode RenderWithSampleValues(string name)
    {
        var assembly = typeof(CardRenderer).Assembly;
        using var stream = assembly.GetManifestResourceStream($"PartnerBot.Cards.Templates.{name}.json")!;
        var source = new StreamReader(stream).ReadToEnd();
        var values = new CardValues();
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(source, "\"\\$\\{(?<whole>[A-Za-z]+)\\}\"|\\$\\{(?<text>[A-Za-z]+)\\}"))
        {
            if (match.Groups["whole"].Success)
            {
                values.Nodes[match.Groups["whole"].Value] = name == "approval" && match.Groups["whole"].Value == "refresh" ? null : new JsonArray();
            }
            else
            {
                values.Texts[match.Groups["text"].Value] = "sample";
            }
        }

        return JsonNode.Parse(new CardRenderer().Render(name, values))!;
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject jsonObject => jsonObject.Select(property => property.Value),
            JsonArray jsonArray => jsonArray.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
