using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ExternalDns.Testing.Route53;

/// <summary>The REST-XML shapes of API version 2013-04-01 (request parsing and response writing).</summary>
internal static class Route53EmulatorXml
{
    public const string Namespace = "https://route53.amazonaws.com/doc/2013-04-01/";

    private static readonly XNamespace Ns = Namespace;

    public static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public static byte[] Error(string code, string message, string requestId, string type = "Sender") => Write(w =>
    {
        w.WriteStartElement("ErrorResponse", Namespace);
        w.WriteStartElement("Error");
        w.WriteElementString("Type", type);
        w.WriteElementString("Code", code);
        w.WriteElementString("Message", message);
        w.WriteEndElement();
        w.WriteElementString("RequestId", requestId);
        w.WriteEndElement();
    });

    /// <summary>InvalidChangeBatch has its own root element with one message per problem.</summary>
    public static byte[] InvalidChangeBatch(IEnumerable<string> messages, string requestId) => Write(w =>
    {
        w.WriteStartElement("InvalidChangeBatch", Namespace);
        w.WriteStartElement("Messages");
        foreach (var m in messages)
        {
            w.WriteElementString("Message", m);
        }

        w.WriteEndElement();
        w.WriteElementString("RequestId", requestId);
        w.WriteEndElement();
    });

    public static void WriteHostedZone(XmlWriter w, Route53HostedZone zone, int recordCount)
    {
        w.WriteStartElement("HostedZone");
        w.WriteElementString("Id", "/hostedzone/" + zone.Id);
        w.WriteElementString("Name", zone.Name);
        w.WriteElementString("CallerReference", zone.CallerReference);
        w.WriteStartElement("Config");
        w.WriteElementString("PrivateZone", zone.IsPrivate ? "true" : "false");
        w.WriteEndElement();
        w.WriteElementString("ResourceRecordSetCount", recordCount.ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    public static void WriteChangeInfo(XmlWriter w, string id, string status, DateTimeOffset submittedAt, string? comment)
    {
        w.WriteStartElement("ChangeInfo");
        w.WriteElementString("Id", "/change/" + id);
        w.WriteElementString("Status", status);
        w.WriteElementString("SubmittedAt", submittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        if (comment is not null)
        {
            w.WriteElementString("Comment", comment);
        }

        w.WriteEndElement();
    }

    public static void WriteRecordSet(XmlWriter w, Route53RecordSet r)
    {
        w.WriteStartElement("ResourceRecordSet");
        w.WriteElementString("Name", r.Name);
        w.WriteElementString("Type", r.Type);
        if (r.SetIdentifier is not null)
        {
            w.WriteElementString("SetIdentifier", r.SetIdentifier);
        }

        if (r.Weight is { } weight)
        {
            w.WriteElementString("Weight", weight.ToString(CultureInfo.InvariantCulture));
        }

        if (r.Region is not null)
        {
            w.WriteElementString("Region", r.Region);
        }

        if (r.GeoLocation is { } geo)
        {
            w.WriteStartElement("GeoLocation");
            WriteOptional(w, "ContinentCode", geo.ContinentCode);
            WriteOptional(w, "CountryCode", geo.CountryCode);
            WriteOptional(w, "SubdivisionCode", geo.SubdivisionCode);
            w.WriteEndElement();
        }

        if (r.Failover is not null)
        {
            w.WriteElementString("Failover", r.Failover);
        }

        if (r.MultiValueAnswer is { } mv)
        {
            w.WriteElementString("MultiValueAnswer", mv ? "true" : "false");
        }

        if (r.Ttl is { } ttl)
        {
            w.WriteElementString("TTL", ttl.ToString(CultureInfo.InvariantCulture));
        }

        if (r.AliasTarget is null)
        {
            w.WriteStartElement("ResourceRecords");
            foreach (var v in r.Values)
            {
                w.WriteStartElement("ResourceRecord");
                w.WriteElementString("Value", v);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }
        else
        {
            w.WriteStartElement("AliasTarget");
            w.WriteElementString("HostedZoneId", r.AliasTarget.HostedZoneId);
            w.WriteElementString("DNSName", r.AliasTarget.DnsName);
            w.WriteElementString("EvaluateTargetHealth", r.AliasTarget.EvaluateTargetHealth ? "true" : "false");
            w.WriteEndElement();
        }

        if (r.HealthCheckId is not null)
        {
            w.WriteElementString("HealthCheckId", r.HealthCheckId);
        }

        if (r.GeoProximity is { } gp)
        {
            w.WriteStartElement("GeoProximityLocation");
            WriteOptional(w, "AWSRegion", gp.AwsRegion);
            WriteOptional(w, "LocalZoneGroup", gp.LocalZoneGroup);
            if (gp.Latitude is not null || gp.Longitude is not null)
            {
                w.WriteStartElement("Coordinates");
                WriteOptional(w, "Latitude", gp.Latitude);
                WriteOptional(w, "Longitude", gp.Longitude);
                w.WriteEndElement();
            }

            if (gp.Bias is { } bias)
            {
                w.WriteElementString("Bias", bias.ToString(CultureInfo.InvariantCulture));
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>Parses a ChangeResourceRecordSetsRequest; throws <see cref="FormatException"/> on a malformed body.</summary>
    public static (IReadOnlyList<(string Action, Route53RecordSet Set)> Changes, string? Comment) ParseChangeBatch(byte[] body)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(new MemoryStream(body));
        }
        catch (XmlException e)
        {
            throw new FormatException("Could not parse the request body: " + e.Message, e);
        }

        var root = doc.Root ?? throw new FormatException("empty body");
        if (root.Name != Ns + "ChangeResourceRecordSetsRequest")
        {
            throw new FormatException($"Unexpected root element {root.Name}");
        }

        var batch = root.Element(Ns + "ChangeBatch") ?? throw new FormatException("ChangeBatch is required");
        var changes = new List<(string, Route53RecordSet)>();
        foreach (var change in batch.Element(Ns + "Changes")?.Elements(Ns + "Change") ?? [])
        {
            var action = change.Element(Ns + "Action")?.Value ?? throw new FormatException("Action is required");
            var rrs = change.Element(Ns + "ResourceRecordSet") ?? throw new FormatException("ResourceRecordSet is required");
            changes.Add((action, ParseRecordSet(rrs)));
        }

        return (changes, batch.Element(Ns + "Comment")?.Value);
    }

    public static IReadOnlyList<string> ParseResourceIds(byte[] body)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(new MemoryStream(body));
        }
        catch (XmlException e)
        {
            throw new FormatException("Could not parse the request body: " + e.Message, e);
        }

        return [.. doc.Root?.Element(Ns + "ResourceIds")?.Elements(Ns + "ResourceId").Select(e => e.Value) ?? []];
    }

    private static Route53RecordSet ParseRecordSet(XElement e)
    {
        string? S(string name) => e.Element(Ns + name)?.Value;
        long? L(string name) => S(name) is { } s ? long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;
        var alias = e.Element(Ns + "AliasTarget");
        var geo = e.Element(Ns + "GeoLocation");
        var gp = e.Element(Ns + "GeoProximityLocation");
        var coords = gp?.Element(Ns + "Coordinates");
        return new Route53RecordSet
        {
            Name = S("Name") ?? throw new FormatException("Name is required"),
            Type = S("Type") ?? throw new FormatException("Type is required"),
            Ttl = L("TTL"),
            Values = [.. e.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => r.Element(Ns + "Value")?.Value ?? string.Empty) ?? []],
            AliasTarget = alias is null ? null : new Route53AliasTarget(
                alias.Element(Ns + "HostedZoneId")?.Value ?? string.Empty,
                alias.Element(Ns + "DNSName")?.Value ?? string.Empty,
                alias.Element(Ns + "EvaluateTargetHealth")?.Value == "true"),
            SetIdentifier = S("SetIdentifier"),
            Weight = L("Weight"),
            Region = S("Region"),
            Failover = S("Failover"),
            GeoLocation = geo is null ? null : new Route53GeoLocation(
                geo.Element(Ns + "ContinentCode")?.Value, geo.Element(Ns + "CountryCode")?.Value, geo.Element(Ns + "SubdivisionCode")?.Value),
            GeoProximity = gp is null ? null : new Route53GeoProximity(
                gp.Element(Ns + "AWSRegion")?.Value,
                gp.Element(Ns + "LocalZoneGroup")?.Value,
                coords?.Element(Ns + "Latitude")?.Value,
                coords?.Element(Ns + "Longitude")?.Value,
                gp.Element(Ns + "Bias")?.Value is { } b ? int.Parse(b, NumberStyles.Integer, CultureInfo.InvariantCulture) : null),
            MultiValueAnswer = S("MultiValueAnswer") is { } mv ? mv == "true" : null,
            HealthCheckId = S("HealthCheckId"),
        };
    }

    private static void WriteOptional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, value);
        }
    }
}
