package io.portico.upstream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The upstreams of one route and how the next request picks among them. Thread-safe. */
public final class UpstreamPool {

    private final String routeId;
    private final List<Upstream> members;
    private final UpstreamPolicy policy;
    private final int[] schedule;
    private final AtomicLong next = new AtomicLong();

    public UpstreamPool(String routeId, List<Upstream> members, UpstreamPolicy policy) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a pool needs upstreams");
        }
        this.routeId = routeId;
        this.members = List.copyOf(members);
        this.policy = policy;
        this.schedule = smoothSchedule(members.stream().mapToInt(member -> member.address().weight()).toArray());
    }

    public String routeId() {
        return routeId;
    }

    public List<Upstream> members() {
        return members;
    }

    public UpstreamPolicy policy() {
        return policy;
    }

    /**
     * Leases an upstream for one attempt, skipping those in {@code tried} and those that take no traffic now;
     * empty when none is left.
     */
    public Optional<Lease> lease(Collection<Upstream> tried, long now) {
        return Optional.ofNullable(policy.balancing() == Balancing.ROUND_ROBIN
                ? roundRobin(tried, now) : leastInFlight(tried, now));
    }

    /**
     * Takes the next slots of the schedule; a slot whose upstream is down passes to the next request's slot, so
     * that the others keep their shares. A retry does not take slots: it walks the schedule from a random slot, so
     * that an upstream that fails does not also draw the next request's slot, and retries still spread by weight.
     * When concurrent requests took
     * every slot this request drew, it walks the whole schedule once, so that no request is turned away while an
     * upstream is up.
     */
    private Lease roundRobin(Collection<Upstream> tried, long now) {
        long slot = ThreadLocalRandom.current().nextInt(schedule.length);
        for (int i = 0; i < schedule.length && tried.isEmpty(); i++) {
            slot = next.getAndIncrement();
            Lease lease = leaseAt(slot, tried, now);
            if (lease != null) {
                return lease;
            }
        }
        for (int i = 1; i <= schedule.length; i++) {
            Lease lease = leaseAt(slot + i, tried, now);
            if (lease != null) {
                return lease;
            }
        }
        return null;
    }

    private Lease leaseAt(long slot, Collection<Upstream> tried, long now) {
        Upstream candidate = members.get(schedule[(int) Math.floorMod(slot, schedule.length)]);
        return tried.contains(candidate) ? null : candidate.lease(now);
    }

    private Lease leastInFlight(Collection<Upstream> tried, long now) {
        List<Upstream> excluded = new ArrayList<>(tried);
        for (int round = 0; round < members.size(); round++) {
            Upstream best = leastLoaded(excluded, now);
            if (best == null) {
                return null;
            }
            Lease lease = best.lease(now);
            if (lease != null) {
                return lease;
            }
            excluded.add(best);
        }
        return null;
    }

    /** Returns the admitting upstream with the fewest requests in flight per unit of weight; ties in turn. */
    private Upstream leastLoaded(Collection<Upstream> excluded, long now) {
        int start = (int) Math.floorMod(next.getAndIncrement(), members.size());
        Upstream best = null;
        for (int i = 0; i < members.size(); i++) {
            Upstream candidate = members.get((start + i) % members.size());
            if (excluded.contains(candidate) || !candidate.health().admits(now)) {
                continue;
            }
            if (best == null || (long) candidate.inFlight() * best.address().weight()
                    < (long) best.inFlight() * candidate.address().weight()) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Returns, when no upstream takes traffic, how long until one may: the nearest end of a cooldown, or
     * {@code fallbackNanos} when only a probe or a trial under way can tell.
     */
    public long nanosUntilAdmitting(long now, long fallbackNanos) {
        long soonest = Long.MAX_VALUE;
        for (Upstream member : members) {
            soonest = Math.min(soonest, member.health().nanosUntilAdmitting(now, fallbackNanos));
        }
        return soonest;
    }

    /**
     * Returns the order in which smooth weighted round robin (as nginx does it) visits members of the given
     * weights: each appears as often as its weight, spread evenly rather than in runs.
     */
    static int[] smoothSchedule(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int[] current = new int[weights.length];
        int[] schedule = new int[total];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            schedule[step] = best;
        }
        return schedule;
    }
}
