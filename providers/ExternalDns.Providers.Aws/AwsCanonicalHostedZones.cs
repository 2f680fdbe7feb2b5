namespace ExternalDns.Providers.Aws;

/// <summary>
/// The canonical hosted zones of AWS endpoints that Route53 alias records can target, by host name suffix (facts from
/// the AWS endpoint tables, as upstream ExternalDNS lists them, plus S3 website endpoints). A CNAME to one of these
/// host names becomes an alias record (unless <c>--aws-prefer-cname</c>).
/// </summary>
internal static class AwsCanonicalHostedZones
{
    // Application and Classic Load Balancers: <region>.elb.amazonaws.com (".amazonaws.com.cn" for "|cn").
    private static readonly (string Region, string Zone)[] LoadBalancers =
    [
        ("us-east-2", "Z3AADJGX6KTTL2"),
        ("us-east-1", "Z35SXDOTRQ7X7K"),
        ("us-west-1", "Z368ELLRRE2KJ0"),
        ("us-west-2", "Z1H1FL5HABSF5"),
        ("ca-central-1", "ZQSVJUPU6J1EY"),
        ("ca-west-1", "Z06473681N0SF6OS049SD"),
        ("ap-east-1", "Z3DQVH9N71FHZ0"),
        ("ap-east-2", "Z02789141MW7T1WBU19PO"),
        ("ap-south-1", "ZP97RAFLXTNZK"),
        ("ap-south-2", "Z0173938T07WNTVAEPZN"),
        ("ap-northeast-2", "ZWKZPGTI48KDX"),
        ("ap-northeast-3", "Z5LXEXXYW11ES"),
        ("ap-southeast-1", "Z1LMS91P8CMLE5"),
        ("ap-southeast-2", "Z1GM3OXH4ZPM65"),
        ("ap-southeast-3", "Z08888821HLRG5A9ZRTER"),
        ("ap-southeast-4", "Z09517862IB2WZLPXG76F"),
        ("ap-southeast-5", "Z06010284QMVVW7WO5J"),
        ("ap-southeast-6", "Z023301818UFJ50CIO0MV"),
        ("ap-southeast-7", "Z0390008CMBRTHFGWBCB"),
        ("ap-northeast-1", "Z14GRHDCWA56QT"),
        ("eu-central-1", "Z215JYRZR1TBD5"),
        ("eu-central-2", "Z06391101F2ZOEP8P5EB3"),
        ("eu-west-1", "Z32O12XQLNTSW2"),
        ("eu-west-2", "ZHURV8PSTC4K8"),
        ("eu-west-3", "Z3Q77PNBQS71R4"),
        ("eu-north-1", "Z23TAZ6LKFMNIO"),
        ("eu-south-1", "Z3ULH7SSC9OV64"),
        ("eu-south-2", "Z0956581394HF5D5LXGAP"),
        ("sa-east-1", "Z2P70J7HTTTPLU"),
        ("cn-north-1|cn", "Z1GDH35T77C1KE"),
        ("cn-northwest-1|cn", "ZM7IZAIOVVDZF"),
        ("us-gov-west-1", "Z33AYJ8TM3BH4J"),
        ("us-gov-east-1", "Z166TLBEWOO7G0"),
        ("mx-central-1", "Z023552324OKD1BB28BH5"),
        ("me-central-1", "Z08230872XQRWHG2XF6I"),
        ("me-south-1", "ZS929ML54UICD"),
        ("af-south-1", "Z268VQBMOI5EKX"),
        ("il-central-1", "Z09170902867EHPV2DABU"),
    ];

    // Network Load Balancers: elb.<region>.amazonaws.com.
    private static readonly (string Region, string Zone)[] NetworkLoadBalancers =
    [
        ("us-east-2", "ZLMOA37VPKANP"),
        ("us-east-1", "Z26RNL4JYFTOTI"),
        ("us-west-1", "Z24FKFUX50B4VW"),
        ("us-west-2", "Z18D5FSROUN65G"),
        ("ca-central-1", "Z2EPGBW3API2WT"),
        ("ca-west-1", "Z02754302KBB00W2LKWZ9"),
        ("ap-east-1", "Z12Y7K3UBGUAD1"),
        ("ap-east-2", "Z09176273OC2HWIAUNYW"),
        ("ap-south-1", "ZVDDRBQ08TROA"),
        ("ap-south-2", "Z0711778386UTO08407HT"),
        ("ap-northeast-3", "Z1GWIQ4HH19I5X"),
        ("ap-northeast-2", "ZIBE1TIR4HY56"),
        ("ap-southeast-1", "ZKVM4W9LS7TM"),
        ("ap-southeast-2", "ZCT6FZBF4DROD"),
        ("ap-southeast-3", "Z01971771FYVNCOVWJU1G"),
        ("ap-southeast-4", "Z01156963G8MIIL7X90IV"),
        ("ap-southeast-5", "Z026317210H9ACVTRO6FB"),
        ("ap-southeast-6", "Z01392953RKV2Q3RBP0KU"),
        ("ap-southeast-7", "Z054363131YWATEMWRG5L"),
        ("ap-northeast-1", "Z31USIVHYNEOWT"),
        ("eu-central-1", "Z3F0SRJ5LGBH90"),
        ("eu-central-2", "Z02239872DOALSIDCX66S"),
        ("eu-west-1", "Z2IFOLAFXWLO4F"),
        ("eu-west-2", "ZD4D7Y8KGAS4G"),
        ("eu-west-3", "Z1CMS0P5QUZ6D5"),
        ("eu-north-1", "Z1UDT6IFJ4EJM"),
        ("eu-south-1", "Z23146JA1KNAFP"),
        ("eu-south-2", "Z1011216NVTVYADP1SSV"),
        ("sa-east-1", "ZTK26PT1VY4CU"),
        ("cn-north-1|cn", "Z3QFB96KMJ7ED6"),
        ("cn-northwest-1|cn", "ZQEIKTCZ8352D"),
        ("us-gov-west-1", "ZMG1MZ2THAWF1"),
        ("us-gov-east-1", "Z1ZSMQQ6Q24QQ8"),
        ("mx-central-1", "Z02031231H3ID6HYJ9A7U"),
        ("me-central-1", "Z00282643NTTLPANJJG2P"),
        ("me-south-1", "Z3QSRYVP46NYYV"),
        ("af-south-1", "Z203XCE67M25HM"),
        ("il-central-1", "Z0313266YDI6ZRHTGQY4"),
    ];

    // VPC endpoints (PrivateLink): <region>.vpce.amazonaws.com.
    private static readonly (string Region, string Zone)[] VpcEndpoints =
    [
        ("eu-west-2", "Z7K1066E3PUKB"),
        ("us-east-2", "ZC8PG0KIFKBRI"),
        ("af-south-1", "Z09302161J80N9A7UTP7U"),
        ("ap-east-1", "Z2LIHJ7PKBEMWN"),
        ("ap-east-2", "Z09379811HWP0POAUWVN3"),
        ("ap-northeast-1", "Z2E726K9Y6RL4W"),
        ("ap-northeast-2", "Z27UANNT0PRK1T"),
        ("ap-northeast-3", "Z376B5OMM2JZL2"),
        ("ap-south-1", "Z2KVTB3ZLFM7JR"),
        ("ap-south-2", "Z0952991RWSF5AHIQDIY"),
        ("ap-southeast-1", "Z18LLCSTV4NVNL"),
        ("ap-southeast-2", "ZDK2GCRPAFKGO"),
        ("ap-southeast-3", "Z03881013RZ9BYYZO8N5W"),
        ("ap-southeast-4", "Z07508191CO1RNBX3X3AU"),
        ("ca-central-1", "ZRCXCF510Y6P9"),
        ("eu-central-1", "Z273ZU8SZ5RJPC"),
        ("eu-central-2", "Z045369019J4FUQ4S272E"),
        ("eu-north-1", "Z3OWWK6JFDEDGC"),
        ("eu-south-1", "Z2A5FDNRLY7KZG"),
        ("eu-south-2", "Z014396544HENR57XQCJ"),
        ("eu-west-1", "Z38GZ743OKFT7T"),
        ("eu-west-3", "Z1DWHTMFP0WECP"),
        ("me-central-1", "Z07122992YCEUCB9A9570"),
        ("me-south-1", "Z3B95P3VBGEQGY"),
        ("sa-east-1", "Z2LXUWEVLCVZIB"),
        ("us-east-1", "Z7HUB22UULQXV"),
        ("us-gov-east-1", "Z2MU5TEIGO9WXB"),
        ("us-gov-west-1", "Z12529ZODG2B6H"),
        ("us-west-1", "Z12I86A8N7VCZO"),
        ("us-west-2", "Z1YSA3EXCYUU9Z"),
    ];

    // API Gateway regional endpoints: execute-api.<region>.amazonaws.com.
    private static readonly (string Region, string Zone)[] ApiGateways =
    [
        ("us-east-2", "ZOJJZC49E0EPZ"),
        ("us-east-1", "Z1UJRXOUMOOFQ8"),
        ("us-west-1", "Z2MUQ32089INYE"),
        ("us-west-2", "Z2OJLYMUO9EFXC"),
        ("af-south-1", "Z2DHW2332DAMTN"),
        ("ap-east-1", "Z3FD1VL90ND7K5"),
        ("ap-east-2", "Z02909591O7FG9Q56HWB1"),
        ("ap-south-1", "Z3VO1THU9YC4UR"),
        ("ap-northeast-2", "Z20JF4UZKIW1U8"),
        ("ap-southeast-1", "ZL327KTPIQFUL"),
        ("ap-southeast-2", "Z2RPCDW04V8134"),
        ("ap-northeast-1", "Z1YSHQZHG15GKL"),
        ("ca-central-1", "Z19DQILCV0OWEC"),
        ("eu-central-1", "Z1U9ULNL0V5AJ3"),
        ("eu-west-1", "ZLY8HYME6SFDD"),
        ("eu-west-2", "ZJ5UAJN8Y3Z2Q"),
        ("eu-south-1", "Z3BT4WSQ9TDYZV"),
        ("eu-west-3", "Z3KY65QIEKYHQQ"),
        ("eu-south-2", "Z02499852UI5HEQ5JVWX3"),
        ("eu-north-1", "Z3UWIKFBOOGXPP"),
        ("me-south-1", "Z20ZBPC0SS8806"),
        ("me-central-1", "Z08780021BKYYY8U0YHTV"),
        ("sa-east-1", "ZCMLWB8V5SYIT"),
        ("us-gov-east-1", "Z3SE9ATJYCRCZJ"),
        ("us-gov-west-1", "Z1K6XKP9SAGWDV"),
    ];

    // S3 website endpoints: s3-website-<region>.amazonaws.com and s3-website.<region>.amazonaws.com.
    private static readonly (string Region, string Zone)[] S3Websites =
    [
        ("us-east-1", "Z3AQBSTGFYJSTF"),
        ("us-east-2", "Z2O1EMRO9K5GLX"),
        ("us-west-1", "Z2F56UZL2M1ACD"),
        ("us-west-2", "Z3BJ6K6RIION7M"),
        ("ap-east-1", "ZNB98KWMFR0R6"),
        ("ap-south-1", "Z11RGJOFQNVJUP"),
        ("ap-northeast-1", "Z2M4EHUR26P7ZW"),
        ("ap-northeast-2", "Z3W03O7B5YMIYP"),
        ("ap-northeast-3", "Z2YQB5RD63NC85"),
        ("ap-southeast-1", "Z3O0J2DXBE1FTB"),
        ("ap-southeast-2", "Z1WCIGYICN2BYD"),
        ("ca-central-1", "Z1QDHH18159H29"),
        ("eu-central-1", "Z21DNDUVLTQW6Q"),
        ("eu-west-1", "Z1BKCTXD74EZPE"),
        ("eu-west-2", "Z3GKZC51ZF0DB4"),
        ("eu-west-3", "Z3R1K369G5AVDG"),
        ("eu-north-1", "Z3BAZG2TWCNX0D"),
        ("sa-east-1", "Z7KQH4QJS55SO"),
        ("me-south-1", "Z1MPMWCPA7YB62"),
        ("us-gov-west-1", "Z31GFT0UA1I2HV"),
    ];

    private static readonly Dictionary<string, string> BySuffix = Build();

    /// <summary>The canonical hosted zone id for <paramref name="hostname"/>, or null when it is not an AWS alias target.</summary>
    public static string? Find(string hostname)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        var name = hostname.TrimEnd('.').ToLowerInvariant();
        var dot = -1;
        while (true)
        {
            if (BySuffix.TryGetValue(dot < 0 ? name : name[(dot + 1)..], out var zone))
            {
                return zone;
            }

            dot = name.IndexOf('.', dot + 1);
            if (dot < 0)
            {
                return null;
            }
        }
    }

    /// <summary>True for a host name under amazonaws.com that is not in the table (a region newer than this build, perhaps).</summary>
    public static bool LooksLikeAws(string hostname) =>
        hostname.TrimEnd('.').EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["awsglobalaccelerator.com"] = "Z2BJ6XQ5FK7U4H",
            ["cloudfront.net"] = "Z2FDTNDATAQYW2",
        };
        foreach (var (region, zone) in LoadBalancers)
        {
            map[Suffix(region, "{0}.elb")] = zone;
        }

        foreach (var (region, zone) in NetworkLoadBalancers)
        {
            map[Suffix(region, "elb.{0}")] = zone;
        }

        foreach (var (region, zone) in VpcEndpoints)
        {
            map[Suffix(region, "{0}.vpce")] = zone;
        }

        foreach (var (region, zone) in ApiGateways)
        {
            map[Suffix(region, "execute-api.{0}")] = zone;
        }

        foreach (var (region, zone) in S3Websites)
        {
            map[Suffix(region, "s3-website-{0}")] = zone;
            map[Suffix(region, "s3-website.{0}")] = zone;
        }

        return map;
    }

    private static string Suffix(string region, string format)
    {
        var china = region.EndsWith("|cn", StringComparison.Ordinal);
        var bare = china ? region[..^3] : region;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, bare) + (china ? ".amazonaws.com.cn" : ".amazonaws.com");
    }
}
