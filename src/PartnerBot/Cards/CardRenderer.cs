using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.Cards;

/// <summary>
/// Fills the Adaptive Card templates embedded in this assembly. A template is parsed once; each render
/// copies it and replaces "${name}" placeholders inside string values. Values go in as JSON string
/// content, so quotes and braces in user text cannot change the card's structure.
/// </summary>
public sealed class CardRenderer
{
    private const string ResourcePrefix = "PartnerBot.Cards.Templates.";

    private readonly ConcurrentDictionary<string, JsonNode> templates = new(StringComparer.Ordinal);

    /// <summary>Names of all embedded templates, without the ".json" suffix.</summary>
    public static IReadOnlyList<string> TemplateNames { get; } = typeof(CardRenderer).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
        .Select(name => name[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public string RenderHelp() => Render("help", new Dictionary<string, string>());

    public string RenderError(string message) => Render("error", new Dictionary<string, string> { ["message"] = message });

    /// <summary>
    /// Renders the template <paramref name="templateName"/> with <paramref name="values"/>.
    /// Throws <see cref="InvalidOperationException"/> when the template uses a placeholder that has no value.
    /// </summary>
    public string Render(string templateName, IReadOnlyDictionary<string, string> values)
    {
        var card = templates.GetOrAdd(templateName, LoadTemplate).DeepClone();
        Fill(card, values, templateName);
        return card.ToJsonString();
    }

    private static JsonNode LoadTemplate(string templateName)
    {
        var resourceName = ResourcePrefix + templateName + ".json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Card template '{templateName}' is not embedded. Add Cards/Templates/{templateName}.json to the project.");
        return JsonNode.Parse(stream) ?? throw new InvalidOperationException($"Card template '{templateName}' is empty.");
    }

    private static void Fill(JsonNode node, IReadOnlyDictionary<string, string> values, string templateName)
    {
        switch (node)
        {
            case JsonObject jsonObject:
                foreach (var property in jsonObject.ToArray())
                {
                    FillChild(property.Value, replacement => jsonObject[property.Key] = replacement, values, templateName);
                }

                break;

            case JsonArray jsonArray:
                for (var index = 0; index < jsonArray.Count; index++)
                {
                    var position = index;
                    FillChild(jsonArray[index], replacement => jsonArray[position] = replacement, values, templateName);
                }

                break;
        }
    }

    private static void FillChild(JsonNode? child, Action<JsonNode> replace, IReadOnlyDictionary<string, string> values, string templateName)
    {
        if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text.Contains("${", StringComparison.Ordinal))
            {
                replace(JsonValue.Create(ReplacePlaceholders(text, values, templateName)));
            }
        }
        else if (child is not null)
        {
            Fill(child, values, templateName);
        }
    }

    private static string ReplacePlaceholders(string text, IReadOnlyDictionary<string, string> values, string templateName)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, position, text.Length - position);
                break;
            }

            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw new InvalidOperationException($"Card template '{templateName}' has an unclosed placeholder in \"{text}\".");
            }

            var name = text[(start + 2)..end];
            if (!values.TryGetValue(name, out var replacement))
            {
                throw new InvalidOperationException($"Card template '{templateName}' needs a value for '{name}'.");
            }

            result.Append(text, position, start - position).Append(replacement);
            position = end + 1;
        }

        return result.ToString();
    }
}
