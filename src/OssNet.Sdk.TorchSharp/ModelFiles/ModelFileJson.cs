// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OssNet.Sdk.Planning;

namespace OssNet.Sdk.TorchSharp.ModelFiles;

/// <summary>Reads and writes <c>model.json</c>: a <see cref="ModelDescription"/> with the plan embedded as the plan's own JSON.</summary>
internal static class ModelFileJson
{
    private const string PlanProperty = "plan";

    // Derived properties (get-only and not a constructor parameter) are left out, and so are delegates (activation overrides),
    // which have no JSON form.
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                static info =>
                {
                    var omitted = info.Properties
                        .Where(p => typeof(Delegate).IsAssignableFrom(p.PropertyType) || (p.Set is null && p.AssociatedParameter is null))
                        .ToList();
                    foreach (var property in omitted)
                    {
                        info.Properties.Remove(property);
                    }

                    if (info.Type == typeof(ModelDescription))
                    {
                        var plan = info.Properties.Single(p => p.Name == PlanProperty);
                        info.Properties.Remove(plan); // written and read as the plan's own JSON below
                    }
                },
            },
        },
    };

    public static string Write(ModelDescription description)
    {
        var node = JsonSerializer.SerializeToNode(description, s_options)!.AsObject();
        if (description.Plan is { } plan)
        {
            node[PlanProperty] = JsonNode.Parse(plan.ToJson());
        }

        return node.ToJsonString(s_options);
    }

    public static ModelDescription Read(string json, string source)
    {
        try
        {
            var node = JsonNode.Parse(json)?.AsObject()
                ?? throw new InvalidModelFileException(source, "model.json is empty.");
            var description = node.Deserialize<ModelDescription>(s_options)
                ?? throw new InvalidModelFileException(source, "model.json is empty.");
            if (node[PlanProperty] is { } plan)
            {
                description = description with { Plan = DatasetPlan.FromJson(plan.ToJsonString(), $"{source} (plan)") };
            }

            description.Validate(source);
            return description;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw new InvalidModelFileException(source, $"model.json is not a valid model description ({ex.Message}).", ex);
        }
    }
}
