using System.Globalization;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// Server-side printing (<c>meta.k8s.io/v1 Table</c>), returned when the client asks for it in <c>Accept</c>
/// (<c>application/json;as=Table;v=v1;g=meta.k8s.io</c>, as <c>kubectl get</c> does): NAME, the type's
/// <see cref="KubeResourceType.Columns"/>, AGE; each row carries the object's metadata (or the object with
/// <c>includeObject=Object</c>).
/// </summary>
public static class KubeTable
{
    public static bool IsRequested(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Create(KubeResourceType type, IEnumerable<JsonObject> objects, JsonObject listMetadata, DateTimeOffset now, string? includeObject)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(objects);
        var columns = new JsonArray
        {
            Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
        };
        foreach (var column in type.Columns)
        {
            columns.Add(Column(column.Name, column.Type, string.Empty, column.Path, column.Priority));
        }

        columns.Add(Column("Age", "string", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            rows.Add(Row(type, obj, now, includeObject));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    /// <summary>Kubernetes' short human duration (<c>42s</c>, <c>3m12s</c>, <c>5h</c>, <c>12d</c>).</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 0)
        {
            return "<invalid>";
        }

        var i = CultureInfo.InvariantCulture;
        if (seconds < 120)
        {
            return string.Create(i, $"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? string.Create(i, $"{minutes}m") : string.Create(i, $"{minutes}m{seconds % 60}s");
        }

        if (minutes < 180)
        {
            return string.Create(i, $"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? string.Create(i, $"{hours}h") : string.Create(i, $"{hours}h{minutes % 60}m");
        }

        if (hours < 48)
        {
            return string.Create(i, $"{hours}h");
        }

        return hours < 192 && hours % 24 != 0 ? string.Create(i, $"{hours / 24}d{hours % 24}h") : string.Create(i, $"{hours / 24}d");
    }

    private static JsonObject Row(KubeResourceType type, JsonObject obj, DateTimeOffset now, string? includeObject)
    {
        var cells = new JsonArray { KubeJson.Name(obj) };
        foreach (var column in type.Columns)
        {
            var value = KubeJson.PathValue(obj, column.Path);
            cells.Add(string.IsNullOrEmpty(value) ? "<none>" : value);
        }

        var created = KubeJson.GetString(obj["metadata"] as JsonObject, "creationTimestamp");
        cells.Add(DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? HumanDuration(now - t) : "<unknown>");
        var row = new JsonObject { ["cells"] = cells };
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                row["object"] = obj.DeepClone();
                break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
                break;
        }

        return row;
    }

    private static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };
}
