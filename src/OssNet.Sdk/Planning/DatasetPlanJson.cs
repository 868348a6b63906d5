// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Planning;

/// <summary>The JSON shape of a <see cref="DatasetPlan"/>: camelCase names, enums as names, shapes and spacings as <c>[x, y, z]</c> arrays.</summary>
internal static class DatasetPlanJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new ShapeConverter(), new TripleConverter() },
    };

    private static double[] ReadTriple(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"{what} must be an array [x, y, z].");
        }

        var values = new List<double>(3);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException($"{what} must hold numbers."));
        }

        return values.Count == 3 ? [.. values] : throw new JsonException($"{what} must have 3 entries; it has {values.Count}.");
    }

    private sealed class ShapeConverter : JsonConverter<VolumeShape>
    {
        public override VolumeShape Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var v = ReadTriple(ref reader, "A shape");
            if (v.Any(x => x != Math.Floor(x) || x < 1 || x > int.MaxValue))
            {
                throw new JsonException($"A shape must hold positive integers; got [{string.Join(", ", v)}].");
            }

            return new VolumeShape((int)v[0], (int)v[1], (int)v[2]);
        }

        public override void Write(Utf8JsonWriter writer, VolumeShape value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.X);
            writer.WriteNumberValue(value.Y);
            writer.WriteNumberValue(value.Z);
            writer.WriteEndArray();
        }
    }

    private sealed class TripleConverter : JsonConverter<(double X, double Y, double Z)>
    {
        public override (double X, double Y, double Z) Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var v = ReadTriple(ref reader, "A spacing");
            return (v[0], v[1], v[2]);
        }

        public override void Write(Utf8JsonWriter writer, (double X, double Y, double Z) value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(value.X);
            writer.WriteNumberValue(value.Y);
            writer.WriteNumberValue(value.Z);
            writer.WriteEndArray();
        }
    }
}
