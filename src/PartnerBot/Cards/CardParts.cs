using System.Text.Json.Nodes;

namespace PartnerBot.Cards;

/// <summary>
/// Small Adaptive Card elements built from typed values. Text that people or directories control goes into
/// TextRun elements, which Teams shows literally instead of reading it as Markdown.
/// </summary>
public static class CardParts
{
    /// <summary>A "Label: value" line whose value is shown literally.</summary>
    public static JsonObject Fact(string label, string? value) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray
        {
            new JsonObject { ["type"] = "TextRun", ["text"] = label + ": ", ["weight"] = "Bolder" },
            new JsonObject { ["type"] = "TextRun", ["text"] = string.IsNullOrEmpty(value) ? "-" : value },
        },
    };

    /// <summary>A sentence shown literally, in the given Adaptive Card colour (Default, Good, Warning, Attention, Accent).</summary>
    public static JsonObject Notice(string text, string color = "Default") => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray
        {
            new JsonObject { ["type"] = "TextRun", ["text"] = text, ["color"] = color },
        },
    };

    /// <summary>
    /// An Action.Execute button. With <paramref name="sendsInputs"/> false the card sends none of its inputs, so
    /// buttons such as Cancel work whatever the inputs hold.
    /// </summary>
    public static JsonObject Execute(string title, string verb, JsonObject data, string style = "default", bool sendsInputs = true)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = data,
            ["style"] = style,
        };
        if (!sendsInputs)
        {
            action["associatedInputs"] = "none";
        }

        return action;
    }

    /// <summary>A choice list. With <paramref name="dataset"/>, Teams also offers type-ahead search through the invoke "application/search".</summary>
    public static JsonObject Choices(string id, string label, IEnumerable<(string Title, string Value)> choices, string? dataset = null)
    {
        var choiceSet = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = "expanded",
            ["choices"] = new JsonArray(choices.Select(choice => (JsonNode)new JsonObject { ["title"] = choice.Title, ["value"] = choice.Value }).ToArray()),
        };

        if (dataset is not null)
        {
            choiceSet["style"] = "filtered";
            choiceSet["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = dataset };
        }

        return choiceSet;
    }

    public static JsonObject TextInput(string id, string label, string? placeholder, string? value = null, int maxLength = 200) => new()
    {
        ["type"] = "Input.Text",
        ["id"] = id,
        ["label"] = label,
        ["placeholder"] = placeholder ?? string.Empty,
        ["value"] = value ?? string.Empty,
        ["maxLength"] = maxLength,
    };

    public static JsonObject Data(Guid requestId, params (string Key, string? Value)[] values)
    {
        var data = new JsonObject { ["requestId"] = requestId.ToString() };
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return data;
    }
}
