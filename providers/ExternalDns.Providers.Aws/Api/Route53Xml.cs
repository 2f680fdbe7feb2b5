using System.Globalization;
using System.Text;
using System.Xml;

namespace ExternalDns.Providers.Aws.Api;

/// <summary>The REST-XML bodies of Route53 API 2013-04-01, written with XmlWriter and read with XmlReader (streaming).</summary>
internal static class Route53Xml
{
    public const string Namespace = "https://route53.amazonaws.com/doc/2013-04-01/";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        Async = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    public static byte[] ChangeBatch(IReadOnlyList<Change> changes, string? comment)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("ChangeResourceRecordSetsRequest", Namespace);
            w.WriteStartElement("ChangeBatch");
            if (comment is not null)
            {
                w.WriteElementString("Comment", comment);
            }

            w.WriteStartElement("Changes");
            foreach (var change in changes)
            {
                w.WriteStartElement("Change");
                w.WriteElementString("Action", change.Action switch { ChangeAction.Create => "CREATE", ChangeAction.Delete => "DELETE", _ => "UPSERT" });
                WriteRecordSet(w, change.RecordSet);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public static byte[] TagsRequest(IReadOnlyList<string> zoneIds)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("ListTagsForResourcesRequest", Namespace);
            w.WriteStartElement("ResourceIds");
            foreach (var id in zoneIds)
            {
                w.WriteElementString("ResourceId", id);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return stream.ToArray();
    }

    public static HostedZonePage ReadHostedZones(Stream body)
    {
        var zones = new List<HostedZone>();
        string? next = null;
        var truncated = false;
        using var r = Open(body);
        Children(r, c =>
        {
            switch (c.LocalName)
            {
                case "HostedZones":
                    Children(c, z =>
                    {
                        if (z.LocalName != "HostedZone")
                        {
                            z.Skip();
                            return;
                        }

                        string id = string.Empty, name = string.Empty;
                        var isPrivate = false;
                        Children(z, f =>
                        {
                            switch (f.LocalName)
                            {
                                case "Id": id = StripPrefix(f.ReadElementContentAsString(), "/hostedzone/"); break;
                                case "Name": name = f.ReadElementContentAsString(); break;
                                case "Config":
                                    Children(f, cfg =>
                                    {
                                        if (cfg.LocalName == "PrivateZone")
                                        {
                                            isPrivate = cfg.ReadElementContentAsString() == "true";
                                        }
                                        else
                                        {
                                            cfg.Skip();
                                        }
                                    });
                                    break;
                                default: f.Skip(); break;
                            }
                        });
                        zones.Add(new HostedZone(id, name, isPrivate));
                    });
                    break;
                case "IsTruncated": truncated = c.ReadElementContentAsString() == "true"; break;
                case "NextMarker": next = c.ReadElementContentAsString(); break;
                default: c.Skip(); break;
            }
        });
        return new HostedZonePage(zones, truncated ? next : null);
    }

    public static RecordSetPage ReadRecordSets(Stream body)
    {
        var sets = new List<ResourceRecordSet>();
        string? nextName = null, nextType = null, nextIdentifier = null;
        var truncated = false;
        using var r = Open(body);
        Children(r, c =>
        {
            switch (c.LocalName)
            {
                case "ResourceRecordSets":
                    Children(c, s =>
                    {
                        if (s.LocalName == "ResourceRecordSet")
                        {
                            sets.Add(ReadRecordSet(s));
                        }
                        else
                        {
                            s.Skip();
                        }
                    });
                    break;
                case "IsTruncated": truncated = c.ReadElementContentAsString() == "true"; break;
                case "NextRecordName": nextName = c.ReadElementContentAsString(); break;
                case "NextRecordType": nextType = c.ReadElementContentAsString(); break;
                case "NextRecordIdentifier": nextIdentifier = c.ReadElementContentAsString(); break;
                default: c.Skip(); break;
            }
        });
        return new RecordSetPage(sets, truncated && nextName is not null ? new RecordSetStart(nextName, nextType, nextIdentifier) : null);
    }

    public static string ReadChangeId(Stream body)
    {
        var id = string.Empty;
        using var r = Open(body);
        Children(r, c =>
        {
            if (c.LocalName == "ChangeInfo")
            {
                Children(c, f =>
                {
                    if (f.LocalName == "Id")
                    {
                        id = StripPrefix(f.ReadElementContentAsString(), "/change/");
                    }
                    else
                    {
                        f.Skip();
                    }
                });
            }
            else
            {
                c.Skip();
            }
        });
        return id;
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ReadTags(Stream body)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        using var r = Open(body);
        Children(r, c =>
        {
            if (c.LocalName != "ResourceTagSets")
            {
                c.Skip();
                return;
            }

            Children(c, set =>
            {
                var id = string.Empty;
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                Children(set, f =>
                {
                    switch (f.LocalName)
                    {
                        case "ResourceId": id = f.ReadElementContentAsString(); break;
                        case "Tags":
                            Children(f, tag =>
                            {
                                string key = string.Empty, value = string.Empty;
                                Children(tag, kv =>
                                {
                                    switch (kv.LocalName)
                                    {
                                        case "Key": key = kv.ReadElementContentAsString(); break;
                                        case "Value": value = kv.ReadElementContentAsString(); break;
                                        default: kv.Skip(); break;
                                    }
                                });
                                tags[key] = value;
                            });
                            break;
                        default: f.Skip(); break;
                    }
                });
                result[StripPrefix(id, "/hostedzone/")] = tags;
            });
        });
        return result;
    }

    /// <summary>
    /// Reads an error body: <c>ErrorResponse/Error/{Code,Message}</c>, or the InvalidChangeBatch shape
    /// <c>InvalidChangeBatch/Messages/Message*</c>. Returns the code (the root element name for the latter) and the messages.
    /// </summary>
    public static (string Code, IReadOnlyList<string> Messages) ReadError(byte[] body)
    {
        var code = string.Empty;
        var messages = new List<string>();
        try
        {
            using var r = Open(new MemoryStream(body));
            var root = r.LocalName;
            if (root != "ErrorResponse")
            {
                code = root;
            }

            Children(r, c =>
            {
                switch (c.LocalName)
                {
                    case "Error":
                        Children(c, f =>
                        {
                            switch (f.LocalName)
                            {
                                case "Code": code = f.ReadElementContentAsString(); break;
                                case "Message": messages.Add(f.ReadElementContentAsString()); break;
                                default: f.Skip(); break;
                            }
                        });
                        break;
                    case "Messages":
                        Children(c, m =>
                        {
                            if (m.LocalName == "Message")
                            {
                                messages.Add(m.ReadElementContentAsString());
                            }
                            else
                            {
                                m.Skip();
                            }
                        });
                        break;
                    case "Message": messages.Add(c.ReadElementContentAsString()); break;
                    default: c.Skip(); break;
                }
            });
        }
        catch (XmlException)
        {
            // Not XML (a proxy's HTML page, an empty body): the caller reports the status code alone.
            return (code, messages);
        }

        return (code, messages);
    }

    private static ResourceRecordSet ReadRecordSet(XmlReader s)
    {
        string name = string.Empty, type = string.Empty;
        string? setIdentifier = null, region = null, failover = null, healthCheck = null;
        long? ttl = null, weight = null;
        bool? multiValue = null;
        var values = new List<string>(2);
        AliasTarget? alias = null;
        GeoLocation? geo = null;
        GeoProximityLocation? proximity = null;
        Children(s, f =>
        {
            switch (f.LocalName)
            {
                case "Name": name = f.ReadElementContentAsString(); break;
                case "Type": type = f.ReadElementContentAsString(); break;
                case "SetIdentifier": setIdentifier = f.ReadElementContentAsString(); break;
                case "Weight": weight = long.Parse(f.ReadElementContentAsString(), NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                case "Region": region = f.ReadElementContentAsString(); break;
                case "Failover": failover = f.ReadElementContentAsString(); break;
                case "MultiValueAnswer": multiValue = f.ReadElementContentAsString() == "true"; break;
                case "TTL": ttl = long.Parse(f.ReadElementContentAsString(), NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                case "HealthCheckId": healthCheck = f.ReadElementContentAsString(); break;
                case "ResourceRecords":
                    Children(f, rr => Children(rr, v =>
                    {
                        if (v.LocalName == "Value")
                        {
                            values.Add(v.ReadElementContentAsString());
                        }
                        else
                        {
                            v.Skip();
                        }
                    }));
                    break;
                case "AliasTarget":
                    string zone = string.Empty, dns = string.Empty;
                    var evaluate = false;
                    Children(f, a =>
                    {
                        switch (a.LocalName)
                        {
                            case "HostedZoneId": zone = a.ReadElementContentAsString(); break;
                            case "DNSName": dns = a.ReadElementContentAsString(); break;
                            case "EvaluateTargetHealth": evaluate = a.ReadElementContentAsString() == "true"; break;
                            default: a.Skip(); break;
                        }
                    });
                    alias = new AliasTarget(zone, dns, evaluate);
                    break;
                case "GeoLocation":
                    string? continent = null, country = null, subdivision = null;
                    Children(f, g =>
                    {
                        switch (g.LocalName)
                        {
                            case "ContinentCode": continent = g.ReadElementContentAsString(); break;
                            case "CountryCode": country = g.ReadElementContentAsString(); break;
                            case "SubdivisionCode": subdivision = g.ReadElementContentAsString(); break;
                            default: g.Skip(); break;
                        }
                    });
                    geo = new GeoLocation(continent, country, subdivision);
                    break;
                case "GeoProximityLocation":
                    string? awsRegion = null, localZoneGroup = null, latitude = null, longitude = null;
                    int? bias = null;
                    Children(f, g =>
                    {
                        switch (g.LocalName)
                        {
                            case "AWSRegion": awsRegion = g.ReadElementContentAsString(); break;
                            case "LocalZoneGroup": localZoneGroup = g.ReadElementContentAsString(); break;
                            case "Bias": bias = int.Parse(g.ReadElementContentAsString(), NumberStyles.Integer, CultureInfo.InvariantCulture); break;
                            case "Coordinates":
                                Children(g, c =>
                                {
                                    switch (c.LocalName)
                                    {
                                        case "Latitude": latitude = c.ReadElementContentAsString(); break;
                                        case "Longitude": longitude = c.ReadElementContentAsString(); break;
                                        default: c.Skip(); break;
                                    }
                                });
                                break;
                            default: g.Skip(); break;
                        }
                    });
                    proximity = new GeoProximityLocation(awsRegion, localZoneGroup, latitude, longitude, bias);
                    break;
                default: f.Skip(); break;
            }
        });
        return new ResourceRecordSet
        {
            Name = name,
            Type = type,
            Ttl = ttl,
            Values = values,
            AliasTarget = alias,
            SetIdentifier = setIdentifier,
            Weight = weight,
            Region = region,
            Failover = failover,
            GeoLocation = geo,
            GeoProximityLocation = proximity,
            MultiValueAnswer = multiValue,
            HealthCheckId = healthCheck,
        };
    }

    private static void WriteRecordSet(XmlWriter w, ResourceRecordSet r)
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
            Optional(w, "ContinentCode", geo.ContinentCode);
            Optional(w, "CountryCode", geo.CountryCode);
            Optional(w, "SubdivisionCode", geo.SubdivisionCode);
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

        if (r.AliasTarget is { } alias)
        {
            w.WriteStartElement("AliasTarget");
            w.WriteElementString("HostedZoneId", alias.HostedZoneId);
            w.WriteElementString("DNSName", alias.DnsName);
            w.WriteElementString("EvaluateTargetHealth", alias.EvaluateTargetHealth ? "true" : "false");
            w.WriteEndElement();
        }
        else
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

        if (r.HealthCheckId is not null)
        {
            w.WriteElementString("HealthCheckId", r.HealthCheckId);
        }

        if (r.GeoProximityLocation is { } gp)
        {
            w.WriteStartElement("GeoProximityLocation");
            Optional(w, "AWSRegion", gp.AwsRegion);
            Optional(w, "LocalZoneGroup", gp.LocalZoneGroup);
            if (gp.Latitude is not null || gp.Longitude is not null)
            {
                w.WriteStartElement("Coordinates");
                Optional(w, "Latitude", gp.Latitude);
                Optional(w, "Longitude", gp.Longitude);
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

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, value);
        }
    }

    /// <summary>Opens the body positioned on its root element.</summary>
    private static XmlReader Open(Stream body)
    {
        var r = XmlReader.Create(body, ReaderSettings);
        r.MoveToContent();
        return r;
    }

    /// <summary>Calls <paramref name="onChild"/> for each child element of the current element (which it must consume), then consumes the end tag.</summary>
    private static void Children(XmlReader r, Action<XmlReader> onChild)
    {
        if (r.IsEmptyElement)
        {
            r.Read();
            return;
        }

        var depth = r.Depth;
        r.Read();
        while (!(r.NodeType == XmlNodeType.EndElement && r.Depth == depth) && !r.EOF)
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                onChild(r);
            }
            else
            {
                r.Read();
            }
        }

        r.Read();
    }

    private static string StripPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
