using ExternalDns.Core.Collections;

namespace ExternalDns.Core.Tests.Collections;

public class StringPoolTests
{
    [Fact]
    public void Hands_out_one_instance_per_value()
    {
        var pool = new StringPool(maxCount: 10, maxLength: 64);
        var first = pool.Share(new string("TCP".AsSpan()));
        var second = pool.Share(new string("TCP".AsSpan()));
        Assert.Same(first, second);
        Assert.Null(pool.Share(null));
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Stops_growing_at_its_bound_and_keeps_sharing_what_it_holds()
    {
        var pool = new StringPool(maxCount: 3, maxLength: 64);
        for (var i = 0; i < 1000; i++)
        {
            _ = pool.Share($"value-{i}");
        }

        Assert.Equal(3, pool.Count);
        var late = new string("value-999".AsSpan());
        Assert.Same(late, pool.Share(late)); // not pooled: returned as is
        Assert.NotSame(late, pool.Share(new string("value-999".AsSpan())));
        var early = pool.Share(new string("value-0".AsSpan()));
        Assert.Same(early, pool.Share(new string("value-0".AsSpan())));
    }

    [Fact]
    public void Never_pools_long_strings()
    {
        var pool = new StringPool(maxCount: 10, maxLength: 4);
        var longer = new string('x', 5);
        Assert.Same(longer, pool.Share(longer));
        Assert.Equal(0, pool.Count);
        Assert.Same(pool.Share(new string('y', 4)), pool.Share(new string('y', 4)));
    }
}
