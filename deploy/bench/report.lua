-- wrk script for deploy/bench/run.sh: one machine-readable line with exact figures at the end of a run.
-- errors.status counts the responses with a status above 399, which wrk prints as "Non-2xx or 3xx responses".
-- No request() or response() function, so wrk keeps its fast path (headers come from -H).
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%.0f duration_us=%.0f rps=%.2f p50_us=%.0f p99_us=%.0f max_us=%.0f bytes=%.0f " ..
        "connect=%.0f read=%.0f write=%.0f status=%.0f timeout=%.0f\n",
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99), latency.max, summary.bytes,
        e.connect, e.read, e.write, e.status, e.timeout))
end
