using System.Net;
using System.Net.Http.Headers;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Tests.Http;

/// <summary>Per-attempt timeouts, answer size limit, metrics and debug logging of the handler stack.</summary>
public sealed class ProviderHttpTimeoutAndMetricsTests
{
    private static ProviderHttpOptions WithTimeout(int maxRetries = 3, long maxResponseBytes = 64 * 1024 * 1024) => new()
    {
        Provider = "pdns",
        Timeout = TimeSpan.FromSeconds(2),
        InitialBackoff = TimeSpan.FromSeconds(1),
        MaxRetries = maxRetries,
        MaxResponseBytes = maxResponseBytes,
    };

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        using var rig = new HttpRig(WithTimeout());
        rig.Handler.ThenHang().Then(HttpStatusCode.OK, "[]");

        using var response = await rig.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)], rig.Waits); // the timeout, then the backoff
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.Timeout));
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.Success));
    }

    [Fact]
    public async Task Only_timeouts_end_in_a_transient_error()
    {
        using var rig = new HttpRig(WithTimeout(maxRetries: 2));
        rig.Handler.ThenHang();

        var e = await Assert.ThrowsAsync<ProviderTransientException>(() => rig.GetAsync());

        Assert.Equal(3, rig.Handler.Requests.Count);
        Assert.Contains("no answer within 2 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("pdns ListZones", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Equal(3, rig.ApiCalls(ProviderHttpOutcome.Timeout));
    }

    [Fact]
    public async Task A_body_that_stalls_is_a_timeout_of_that_attempt()
    {
        using var rig = new HttpRig(WithTimeout());
        rig.Handler
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StallingContent() }))
            .Then(HttpStatusCode.OK, "complete");

        using var response = await rig.GetAsync();

        Assert.Equal("complete", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, rig.Handler.Requests.Count);
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_is_an_error_that_is_not_retried()
    {
        using var rig = new HttpRig(WithTimeout(maxResponseBytes: 100));
        rig.Handler.Then(HttpStatusCode.OK, new string('x', 101));

        var e = await Assert.ThrowsAsync<ProviderHttpResponseTooLargeException>(() => rig.GetAsync());

        Assert.Single(rig.Handler.Requests);
        Assert.Equal(100, e.Limit);
        Assert.Contains("larger than 100 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("https://api.test:8443/api/v1/servers/localhost/zones", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_of_unknown_length_is_cut_at_the_limit()
    {
        using var rig = new HttpRig(WithTimeout(maxResponseBytes: 64 * 1024));
        rig.Handler.Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new EndlessContent() }));

        await Assert.ThrowsAsync<ProviderHttpResponseTooLargeException>(() => rig.GetAsync());
        Assert.Single(rig.Handler.Requests);
    }

    [Fact]
    public async Task An_answer_within_the_limit_keeps_its_body_and_content_headers()
    {
        using var rig = new HttpRig(WithTimeout(maxResponseBytes: 100));
        rig.Handler.Then(HttpStatusCode.OK, new string('x', 100), r => r.Content.Headers.ContentLanguage.Add("en"));

        using var response = await rig.GetAsync();

        Assert.Equal(new string('x', 100), await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
    }

    [Fact]
    public async Task Content_headers_are_passed_on_exactly_as_the_server_sent_them()
    {
        // The webhook protocol compares the negotiated Content-Type byte for byte (no space after ';').
        using var rig = new HttpRig(WithTimeout(maxResponseBytes: 100));
        rig.Handler.Then(HttpStatusCode.OK, "{}", r =>
        {
            r.Content.Headers.Remove("Content-Type");
            r.Content.Headers.TryAddWithoutValidation("Content-Type", "application/external.dns.webhook+json;version=1");
        });

        using var response = await rig.GetAsync();

        Assert.Equal(["application/external.dns.webhook+json;version=1"], response.Content.Headers.NonValidated["Content-Type"]);
    }

    [Fact]
    public async Task Every_attempt_is_measured_with_upstreams_labels()
    {
        using var rig = new HttpRig();
        rig.Handler
            .Then((_, _) =>
            {
                rig.Time.Advance(TimeSpan.FromMilliseconds(250));
                return Task.FromResult(ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable));
            })
            .Then((_, _) =>
            {
                rig.Time.Advance(TimeSpan.FromMilliseconds(125));
                return Task.FromResult(ScriptedHandler.Answer(HttpStatusCode.OK));
            });

        using var response = await rig.GetAsync();

        var duration = (Summary)rig.Metrics.Find("external_dns_http_request_duration_seconds")!;
        Assert.Equal(["scheme", "host", "path", "method", "status"], duration.LabelNames);
        Assert.Equal("instrumented_http", duration.ConstLabels["handler"]);
        var ok = duration.Find("https", "api.test:8443", "zones", "GET", "200")!;
        Assert.Equal(1, ok.Count);
        Assert.Equal(0.125, ok.Sum);
        Assert.Equal(0.25, duration.Find("https", "api.test:8443", "zones", "GET", "503")!.Sum);
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.ServerError));
        Assert.Equal(1, rig.ApiCalls(ProviderHttpOutcome.Success));

        var exposition = rig.Metrics.Render();
        Assert.Contains(
            "external_dns_http_request_duration_seconds{handler=\"instrumented_http\",host=\"api.test:8443\",method=\"GET\",path=\"zones\",scheme=\"https\",status=\"200\",quantile=\"0.5\"} 0.125",
            exposition,
            StringComparison.Ordinal);
        Assert.Contains("external_dns_provider_api_calls_total{operation=\"ListZones\",outcome=\"server_error\",provider=\"pdns\"} 1", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_attempt_has_an_empty_status_label()
    {
        using var rig = new HttpRig();
        rig.Handler.ThenThrow(() => new HttpRequestException("Connection refused")).Then(HttpStatusCode.OK);

        using var response = await rig.GetAsync();

        var duration = (Summary)rig.Metrics.Find("external_dns_http_request_duration_seconds")!;
        Assert.Equal(1, duration.Find("https", "api.test:8443", "zones", "GET", string.Empty)!.Count);
    }

    [Fact]
    public async Task The_path_label_is_the_last_unescaped_segment()
    {
        using var rig = new HttpRig();
        rig.Handler.Then(HttpStatusCode.OK);

        using var response = await rig.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://pdns.test/api/v1/servers/localhost/zones/example%2Eorg."));

        var duration = (Summary)rig.Metrics.Find("external_dns_http_request_duration_seconds")!;
        Assert.NotNull(duration.Find("http", "pdns.test", "example.org.", "GET", "200"));
    }

    [Fact]
    public async Task Debug_log_shows_method_path_status_and_time_but_no_query_header_or_body()
    {
        using var rig = new HttpRig();
        rig.Handler.Then(HttpStatusCode.InternalServerError, "server-said-secret").Then(HttpStatusCode.OK, "answer-body-secret");
        var request = new HttpRequestMessage(HttpMethod.Post, HttpRig.Url) { Content = new StringContent("request-body-secret") }.WithOperation("CreateZone");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "header-secret");
        request.Headers.Add("X-API-Key", "api-key-secret");

        using var response = await rig.SendAsync(request);

        var debug = rig.Logs.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Contains("pdns CreateZone: POST /api/v1/servers/localhost/zones answered 500 in 00:00:00", debug);
        Assert.Contains("pdns CreateZone: POST /api/v1/servers/localhost/zones answered 200 in 00:00:00", debug);
        Assert.Contains(debug, m => m.Contains("attempt 1 failed (HTTP 500); retrying in 00:00:01", StringComparison.Ordinal));
        foreach (var secret in new[] { "s3cr3t", "secret-query", "header-secret", "api-key-secret", "request-body-secret", "answer-body-secret", "server-said-secret" })
        {
            Assert.DoesNotContain(rig.Logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Headers arrive, the body never does (until cancelled).</summary>
    private sealed class StallingContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            await SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync("{\"partial\":"u8.ToArray(), cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(new StallingStream());

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body of unknown length that never ends.</summary>
    private sealed class EndlessContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => throw new NotSupportedException();

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(new EndlessStream());

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            buffer.Span.Fill((byte)'x');
            return ValueTask.FromResult(buffer.Length);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
