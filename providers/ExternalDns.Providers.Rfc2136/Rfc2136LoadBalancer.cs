namespace ExternalDns.Providers.Rfc2136;

/// <summary>
/// Picks the <c>--rfc2136-host</c> for each attempt, with upstream's semantics; transfers and updates keep separate
/// state so that a failing transfer does not move the updates (and the other way round). One operation tries each host
/// at most once: <see cref="Begin"/> returns the attempt sequence; call <see cref="Attempts.Failed"/> after a failure
/// and ask for the next host.
/// <list type="bullet">
/// <item><c>disabled</c>: failover. The first host until it fails, then the next one, which stays in use until it fails.</item>
/// <item><c>round-robin</c>: every attempt (also a retry after a failure) goes to the host after the previous one.</item>
/// <item><c>random</c>: a host picked at random among those not yet tried in this operation, and (with two or more
/// hosts) never the one the previous operation used first. Upstream meant the same but compares with a counter that
/// random mode never moves, so its first host is never picked; here every host is.</item>
/// </list>
/// </summary>
public sealed class Rfc2136LoadBalancer
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly State[] _states;

    public Rfc2136LoadBalancer(int hosts, Rfc2136LoadBalancingStrategy strategy, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, 1);
        Hosts = hosts;
        Strategy = strategy;
        _random = random ?? Random.Shared;

        // Random: before the first operation no host was used "just before" (-1), so any host may come first.
        var start = strategy == Rfc2136LoadBalancingStrategy.Random ? -1 : 0;
        _states = [new State { Counter = start }, new State { Counter = start }];
    }

    public int Hosts { get; }

    public Rfc2136LoadBalancingStrategy Strategy { get; }

    /// <summary>Starts one operation: the hosts to try, in order, chosen as the attempts go.</summary>
    public Attempts Begin(Rfc2136Operation operation) => new(this, _states[(int)operation]);

    private int Next(State state, HashSet<int> tried)
    {
        if (Hosts == 1)
        {
            return 0;
        }

        lock (_lock)
        {
            int index;
            switch (Strategy)
            {
                case Rfc2136LoadBalancingStrategy.RoundRobin:
                    index = state.Counter;
                    state.Counter = (state.Counter + 1) % Hosts;
                    break;
                case Rfc2136LoadBalancingStrategy.Random:
                    var candidates = Enumerable.Range(0, Hosts).Where(i => !tried.Contains(i) && (tried.Count > 0 || i != state.Counter)).ToList();
                    index = candidates[_random.Next(candidates.Count)];
                    if (tried.Count == 0)
                    {
                        state.Counter = index;
                    }

                    break;
                default:
                    if (state.LastFailed)
                    {
                        state.Counter = (state.Counter + 1) % Hosts;
                    }

                    index = state.Counter;
                    break;
            }

            state.LastFailed = false;
            return index;
        }
    }

    private void Fail(State state)
    {
        lock (_lock)
        {
            state.LastFailed = true;
        }
    }

    /// <summary>The attempts of one operation.</summary>
    public sealed class Attempts
    {
        private readonly Rfc2136LoadBalancer _owner;
        private readonly State _state;
        private readonly HashSet<int> _tried = [];

        internal Attempts(Rfc2136LoadBalancer owner, State state)
        {
            _owner = owner;
            _state = state;
        }

        /// <summary>The next host to try; false when every host has been tried.</summary>
        public bool TryNext(out int index)
        {
            if (_tried.Count >= _owner.Hosts)
            {
                index = -1;
                return false;
            }

            index = _owner.Next(_state, _tried);
            _tried.Add(index);
            return true;
        }

        /// <summary>The host just tried failed.</summary>
        public void Failed() => _owner.Fail(_state);
    }

    internal sealed class State
    {
        public int Counter { get; set; }

        public bool LastFailed { get; set; }
    }
}
