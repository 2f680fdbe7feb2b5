using ExternalDns.Core.Metrics;
using ExternalDns.Testing;

namespace ExternalDns.Core.Tests.Metrics;

/// <summary>The Prometheus text exposition of every metric kind, checked line by line.</summary>
public sealed class MetricRegistryTests
{
    private static string[] Lines(MetricRegistry registry) => registry.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Unlabelled_counter_and_gauge_render_with_help_and_type_even_at_zero()
    {
        var registry = new MetricRegistry();
        registry.Counter("external_dns_a_total", "Things counted.");
        registry.Gauge("external_dns_b", "A level.").Set(2.5);

        Assert.Equal(
            [
                "# HELP external_dns_a_total Things counted.",
                "# TYPE external_dns_a_total counter",
                "external_dns_a_total 0",
                "# HELP external_dns_b A level.",
                "# TYPE external_dns_b gauge",
                "external_dns_b 2.5",
            ],
            Lines(registry));
    }

    [Fact]
    public void Single_label_shortcuts_keep_working()
    {
        var registry = new MetricRegistry();
        var counter = registry.Counter("runs_total", "Runs.", "kind");
        counter.Inc("error");
        counter.Inc("error", 2);
        counter.Inc("ok");

        Assert.Equal(3, counter.Get("error"));
        Assert.Equal(0, counter.Get("never"));
        Assert.Equal("kind", counter.LabelName);
        Assert.Equal(["# HELP runs_total Runs.", "# TYPE runs_total counter", "runs_total{kind=\"error\"} 3", "runs_total{kind=\"ok\"} 1"], Lines(registry));
    }

    [Fact]
    public void Several_labels_and_constant_labels_are_rendered_sorted_by_name()
    {
        var registry = new MetricRegistry();
        var calls = registry.Counter("api_calls_total", "Calls.", ["provider", "operation", "outcome"], new Dictionary<string, string> { ["zone"] = "z1", ["app"] = "x" });
        calls.WithLabels("aws", "ListZones", "success").Inc();
        calls.WithLabels("aws", "ListZones", "success").Inc();
        calls.WithLabels("aws", "ChangeRecords", "throttled").Inc();

        Assert.Equal(2, calls.Get("aws", "ListZones", "success"));
        Assert.Equal(
            [
                "# HELP api_calls_total Calls.",
                "# TYPE api_calls_total counter",
                "api_calls_total{app=\"x\",operation=\"ChangeRecords\",outcome=\"throttled\",provider=\"aws\",zone=\"z1\"} 1",
                "api_calls_total{app=\"x\",operation=\"ListZones\",outcome=\"success\",provider=\"aws\",zone=\"z1\"} 2",
            ],
            Lines(registry));
    }

    [Fact]
    public void Label_values_and_help_are_escaped()
    {
        var registry = new MetricRegistry();
        registry.Gauge("g", "Help with \\ and\nnewline and \"quotes\".", ["v"]).WithLabels("a\\b\"c\nd").Set(1);

        Assert.Equal(
            [
                "# HELP g Help with \\\\ and\\nnewline and \"quotes\".",
                "# TYPE g gauge",
                "g{v=\"a\\\\b\\\"c\\nd\"} 1",
            ],
            Lines(registry));
    }

    [Fact]
    public void Label_value_lists_that_differ_only_in_where_they_split_are_different_series()
    {
        var registry = new MetricRegistry();
        var m = registry.Counter("c", "C.", ["a", "b"]);
        m.WithLabels("x;1:", "y").Inc();
        m.WithLabels("x", "1:;y").Inc(5);
        Assert.Equal(1, m.Get("x;1:", "y"));
        Assert.Equal(5, m.Get("x", "1:;y"));
    }

    [Fact]
    public void Special_values_render_as_the_format_wants()
    {
        var registry = new MetricRegistry();
        var g = registry.Gauge("g", "G.", ["v"]);
        g.WithLabels("inf").Set(double.PositiveInfinity);
        g.WithLabels("minf").Set(double.NegativeInfinity);
        g.WithLabels("nan").Set(double.NaN);
        g.WithLabels("nan").Inc(); // no endless compare-and-swap on NaN
        g.WithLabels("big").Set(1767225600.125);

        var lines = Lines(registry);
        Assert.Contains("g{v=\"inf\"} +Inf", lines);
        Assert.Contains("g{v=\"minf\"} -Inf", lines);
        Assert.Contains("g{v=\"nan\"} NaN", lines);
        Assert.Contains("g{v=\"big\"} 1767225600.125", lines);
    }

    [Fact]
    public void Wrong_use_is_an_error()
    {
        var registry = new MetricRegistry();
        var counter = registry.Counter("c_total", "C.", ["a", "b"]);
        Assert.Throws<ArgumentException>(() => counter.WithLabels("only-one"));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.WithLabels("a", "b").Inc(-1));
        Assert.Throws<InvalidOperationException>(() => counter.WithLabels("a", "b").Set(3));
        Assert.Throws<InvalidOperationException>(() => registry.Gauge("c_total", "C."));
        Assert.Throws<InvalidOperationException>(() => registry.Counter("c_total", "C.", ["a"]));
        Assert.Throws<InvalidOperationException>(() => registry.Counter("c_total", "C.", ["a", "b"], new Dictionary<string, string> { ["k"] = "v" }));
        Assert.Same(counter, registry.Counter("c_total", "C.", ["a", "b"]));
        Assert.Throws<ArgumentException>(() => registry.Counter("bad-name", "x"));
        Assert.Throws<ArgumentException>(() => registry.Counter("x_total", "x", ["bad-label"]));
        Assert.Throws<ArgumentException>(() => registry.Counter("y_total", "x", ["a", "a"]));
        Assert.Throws<ArgumentException>(() => registry.Histogram("h", "x", labelNames: ["le"]));
        Assert.Throws<ArgumentException>(() => registry.Summary("s", "x", ["quantile"]));
        Assert.Throws<ArgumentException>(() => registry.Histogram("h2", "x", [1, 0.5]));
        registry.Histogram("h3", "x", [1, 2]);
        Assert.Throws<InvalidOperationException>(() => registry.Histogram("h3", "x", [1, 3]));
    }

    [Fact]
    public void Histogram_buckets_are_cumulative_and_end_with_inf()
    {
        var registry = new MetricRegistry();
        var h = registry.Histogram("latency_seconds", "Latency.", [0.1, 0.5, 1], ["op"], new Dictionary<string, string> { ["handler"] = "h" });
        foreach (var v in new[] { 0.05, 0.1, 0.3, 0.7, 2, 3 })
        {
            h.WithLabels("get").Observe(v);
        }

        Assert.Equal(
            [
                "# HELP latency_seconds Latency.",
                "# TYPE latency_seconds histogram",
                "latency_seconds_bucket{handler=\"h\",op=\"get\",le=\"0.1\"} 2",
                "latency_seconds_bucket{handler=\"h\",op=\"get\",le=\"0.5\"} 3",
                "latency_seconds_bucket{handler=\"h\",op=\"get\",le=\"1\"} 4",
                "latency_seconds_bucket{handler=\"h\",op=\"get\",le=\"+Inf\"} 6",
                "latency_seconds_sum{handler=\"h\",op=\"get\"} 6.15",
                "latency_seconds_count{handler=\"h\",op=\"get\"} 6",
            ],
            Lines(registry));
        Assert.Equal([2L, 3L, 4L], h.WithLabels("get").CumulativeCounts());
    }

    [Fact]
    public void Unlabelled_histogram_with_default_buckets_renders_zeros()
    {
        var registry = new MetricRegistry();
        registry.Histogram("h_seconds", "H.");
        var lines = Lines(registry);
        Assert.Equal(2 + Histogram.DefaultBuckets.Count + 1 + 2, lines.Length);
        Assert.Equal("h_seconds_bucket{le=\"0.005\"} 0", lines[2]);
        Assert.Equal("h_seconds_bucket{le=\"10\"} 0", lines[12]);
        Assert.Equal("h_seconds_bucket{le=\"+Inf\"} 0", lines[13]);
        Assert.Equal("h_seconds_sum 0", lines[14]);
        Assert.Equal("h_seconds_count 0", lines[15]);
    }

    [Fact]
    public void Summary_renders_quantiles_sum_and_count()
    {
        var time = new FakeTimeProvider();
        var registry = new MetricRegistry(time);
        var s = registry.Summary("d_seconds", "D.", ["method"], new Dictionary<string, string> { ["handler"] = "instrumented_http" });
        for (var i = 1; i <= 100; i++)
        {
            s.WithLabels("GET").Observe(i / 100.0);
        }

        Assert.Equal(
            [
                "# HELP d_seconds D.",
                "# TYPE d_seconds summary",
                "d_seconds{handler=\"instrumented_http\",method=\"GET\",quantile=\"0.5\"} 0.5",
                "d_seconds{handler=\"instrumented_http\",method=\"GET\",quantile=\"0.9\"} 0.9",
                "d_seconds{handler=\"instrumented_http\",method=\"GET\",quantile=\"0.99\"} 0.99",
                "d_seconds_sum{handler=\"instrumented_http\",method=\"GET\"} 50.5",
                "d_seconds_count{handler=\"instrumented_http\",method=\"GET\"} 100",
            ],
            Lines(registry));
    }

    [Fact]
    public void Summary_quantiles_forget_old_observations_but_sum_and_count_do_not()
    {
        var time = new FakeTimeProvider();
        var registry = new MetricRegistry(time);
        var s = registry.Summary("d_seconds", "D.");
        s.Observe(100);
        time.Advance(Summary.MaxAge + TimeSpan.FromSeconds(1));
        Assert.True(double.IsNaN(s.WithLabels().Quantile(0.5)));
        s.Observe(1);
        s.Observe(3);

        Assert.Equal(1, s.WithLabels().Quantile(0.5));
        Assert.Equal(3, s.WithLabels().Quantile(0.99));
        Assert.Equal(104, s.WithLabels().Sum);
        Assert.Equal(3, s.WithLabels().Count);
        Assert.Contains("d_seconds{quantile=\"0.9\"} 3", Lines(registry));
    }

    [Fact]
    public void Summary_window_keeps_only_the_most_recent_observations()
    {
        var registry = new MetricRegistry(new FakeTimeProvider());
        var s = registry.Summary("d", "D.");
        for (var i = 0; i < Summary.WindowSize; i++)
        {
            s.Observe(1000);
        }

        for (var i = 0; i < Summary.WindowSize; i++)
        {
            s.Observe(1);
        }

        Assert.Equal(1, s.WithLabels().Quantile(0.99));
        Assert.Equal(2 * Summary.WindowSize, s.WithLabels().Count);
    }

    [Fact]
    public void Empty_summary_renders_nan_quantiles()
    {
        var registry = new MetricRegistry(new FakeTimeProvider());
        registry.Summary("d", "D.");
        Assert.Contains("d{quantile=\"0.5\"} NaN", Lines(registry));
        Assert.Contains("d_count 0", Lines(registry));
    }

    [Fact]
    public void Reset_drops_labelled_series()
    {
        var registry = new MetricRegistry();
        var g = registry.Gauge("g", "G.", "t");
        g.Set("A", 3);
        g.Reset();
        Assert.Equal(["# HELP g G.", "# TYPE g gauge"], Lines(registry));
    }

    [Fact]
    public void Concurrent_increments_are_not_lost()
    {
        var registry = new MetricRegistry();
        var c = registry.Counter("c_total", "C.", ["a", "b"]);
        Parallel.For(0, 10_000, i => c.WithLabels("x", (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc());
        Assert.Equal(10_000, c.Get("x", "0") + c.Get("x", "1") + c.Get("x", "2"));
    }
}
