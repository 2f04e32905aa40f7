using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.Cards;

/// <summary>
/// Fills the Adaptive Card templates embedded in this assembly. A template is parsed once; each render
/// copies it and replaces "${name}" placeholders inside string values. Text values go in as JSON string
/// content, so quotes and braces in user text cannot change the card's structure. A string that is exactly
/// "${name}" can instead be replaced by a JSON node from <see cref="CardValues.Nodes"/>: inside an array, a
/// node array is spliced in and a null node removes the element; as an object property, a null node
/// removes the property.
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

    public string RenderHelp() => Render("help", new CardValues());

    public string RenderError(string message) => Render("error", new CardValues { Texts = { ["message"] = message } });

    /// <summary>Renders <paramref name="templateName"/> with text values only.</summary>
    public string Render(string templateName, IReadOnlyDictionary<string, string> values)
    {
        var cardValues = new CardValues();
        foreach (var (key, value) in values)
        {
            cardValues.Texts[key] = value;
        }

        return Render(templateName, cardValues);
    }

    /// <summary>
    /// Renders the template <paramref name="templateName"/> with <paramref name="values"/>.
    /// Throws <see cref="InvalidOperationException"/> when the template uses a placeholder that has no value.
    /// </summary>
    public string Render(string templateName, CardValues values)
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

    private static void Fill(JsonNode node, CardValues values, string templateName)
    {
        switch (node)
        {
            case JsonObject jsonObject:
                foreach (var property in jsonObject.ToArray())
                {
                    if (TryReadNodePlaceholder(property.Value, values, out var propertyNode) && propertyNode is null)
                    {
                        jsonObject.Remove(property.Key);
                        continue;
                    }

                    FillChild(property.Value, replacement => jsonObject[property.Key] = replacement, values, templateName);
                }

                break;

            case JsonArray jsonArray:
                for (var index = 0; index < jsonArray.Count; index++)
                {
                    if (TryReadNodePlaceholder(jsonArray[index], values, out var replacementNode))
                    {
                        jsonArray.RemoveAt(index);
                        var inserted = replacementNode switch
                        {
                            null => [],
                            JsonArray items => items.Select(item => item?.DeepClone()).ToArray(),
                            _ => [replacementNode.DeepClone()],
                        };
                        foreach (var item in inserted)
                        {
                            jsonArray.Insert(index++, item);
                        }

                        index--;
                        continue;
                    }

                    var position = index;
                    FillChild(jsonArray[index], replacement => jsonArray[position] = replacement, values, templateName);
                }

                break;
        }
    }

    private static bool TryReadNodePlaceholder(JsonNode? child, CardValues values, out JsonNode? node)
    {
        node = null;
        if (child is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        var text = value.GetValue<string>();
        return text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && values.Nodes.TryGetValue(text[2..^1], out node);
    }

    private static void FillChild(JsonNode? child, Action<JsonNode> replace, CardValues values, string templateName)
    {
        if (TryReadNodePlaceholder(child, values, out var node))
        {
            replace(node?.DeepClone() ?? JsonValue.Create((string?)null)!);
            return;
        }

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

    private static string ReplacePlaceholders(string text, CardValues values, string templateName)
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
            if (!values.Texts.TryGetValue(name, out var replacement))
            {
                throw new InvalidOperationException($"Card template '{templateName}' needs a value for '{name}'.");
            }

            result.Append(text, position, start - position).Append(replacement);
            position = end + 1;
        }

        return result.ToString();
    }
}

/// <summary>Values for a card template: text for "${name}" inside strings, and whole JSON nodes.</summary>
public sealed class CardValues
{
    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Nodes { get; } = new(StringComparer.Ordinal);
}
