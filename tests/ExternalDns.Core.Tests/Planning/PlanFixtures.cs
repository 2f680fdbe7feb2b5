using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Tests.Planning;

/// <summary>Fresh copies of upstream's plan_test.go fixtures (each property returns a new endpoint).</summary>
internal static class PlanFixtures
{
    public static Endpoint FooV1Cname => E("foo", "CNAME", "v1", "ingress/default/foo-v1", "pwner");

    public static Endpoint FooV3CnameSameResource => E("foo", "CNAME", "v3", "ingress/default/foo-v1", "pwner");

    public static Endpoint FooV2Cname => E("foo", "CNAME", "v2", "ingress/default/foo-v2");

    public static Endpoint FooV2CnameUppercase => E("foo", "CNAME", "V2", "ingress/default/foo-v2");

    public static Endpoint FooV2Txt => new("foo", "TXT");

    public static Endpoint FooV2CnameNoLabel => new("foo", "CNAME", "v2");

    public static Endpoint FooA5 => E("foo", "A", "5.5.5.5", "ingress/default/foo-5");

    public static Endpoint FooAAAA => E("foo", "AAAA", "2001:DB8::1", "ingress/default/foo-AAAA");

    public static Endpoint DsA => E("ds", "A", "1.1.1.1", "ingress/default/ds");

    public static Endpoint DsAAAA => E("ds", "AAAA", "2001:DB8::1", "ingress/default/ds-AAAAA");

    public static Endpoint Bar127A => E("bar", "A", "127.0.0.1", "ingress/default/bar-127");

    public static Endpoint Bar127AWithTtl
    {
        get
        {
            var e = Bar127A;
            e.RecordTtl = 300;
            return e;
        }
    }

    public static Endpoint Bar127AWithProviderSpecificTrue =>
        Bar127A.WithProviderSpecific("alias", "false").WithProviderSpecific("external-dns.kubernetes.io/cloudflare-proxied", "true");

    public static Endpoint Bar127AWithProviderSpecificFalse =>
        Bar127A.WithProviderSpecific("external-dns.kubernetes.io/cloudflare-proxied", "false").WithProviderSpecific("alias", "false");

    public static Endpoint Bar127AWithProviderSpecificUnset => Bar127A.WithProviderSpecific("alias", "false");

    public static Endpoint Bar192A => E("bar", "A", "192.168.0.1", "ingress/default/bar-192");

    public static Endpoint Multiple1 => new Endpoint("multiple", "A", "192.168.0.1").WithSetIdentifier("test-set-1");

    public static Endpoint Multiple2 => new Endpoint("multiple", "A", "192.168.0.2").WithSetIdentifier("test-set-1");

    public static Endpoint Multiple3 => new Endpoint("multiple", "A", "192.168.0.2").WithSetIdentifier("test-set-2");

    public static Endpoint DomainFilterFiltered1 => new("foo.domain.tld", "A", "1.2.3.4");

    public static Endpoint DomainFilterFiltered2 => new("bar.domain.tld", "A", "1.2.3.5");

    public static Endpoint DomainFilterFiltered3 => new("baz.domain.tld", "A", "1.2.3.6");

    public static Endpoint DomainFilterExcluded => new("foo.ex.domain.tld", "A", "1.1.1.1");

    public static Endpoint Owned(this Endpoint e, string? owner)
    {
        if (owner is null)
        {
            e.Labels.Clear();
        }
        else
        {
            e.Labels[Labels.OwnerKey] = owner;
        }

        return e;
    }

    private static Endpoint E(string name, string type, string target, string resource, string? owner = null)
    {
        var e = new Endpoint(name, type, target);
        e.Labels[Labels.ResourceKey] = resource;
        if (owner is not null)
        {
            e.Labels[Labels.OwnerKey] = owner;
        }

        return e;
    }
}
