package io.portico.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Probes the upstreams of routes with an active health check, each on its own schedule. */
final class HealthProbes {

    private static final Logger LOG = Logger.getLogger(HealthProbes.class.getName());

    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();

    /** Schedules the probes of every pool whose route has a health check. */
    HealthProbes(Collection<UpstreamPool> pools, ScheduledExecutorService executor) {
        for (UpstreamPool pool : pools) {
            pool.policy().check().ifPresent(check -> pool.members().forEach(upstream -> schedules.add(
                    executor.scheduleWithFixedDelay(() -> probe(upstream, check), 0,
                            check.interval().toMillis(), TimeUnit.MILLISECONDS))));
        }
    }


    void stop() {
        schedules.forEach(schedule -> schedule.cancel(true));
    }

    private static void probe(Upstream upstream, HealthCheck check) {
        boolean healthy;
        try {
            healthy = HealthCheck.healthy(status(probeUri(upstream.address().base(), check.path()), check));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, () -> "probe of " + upstream + " for route " + upstream.routeId() + " failed: " + e);
            healthy = false;
        }
        upstream.probed(healthy, System.nanoTime());
    }

    static URI probeUri(URI base, String path) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String joined = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) + path : basePath + path;
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + joined);
    }

    private static int status(URI uri, HealthCheck check) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout((int) check.timeout().toMillis());
        connection.setReadTimeout((int) check.timeout().toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("User-Agent", "Portico-HealthCheck");
        int status = connection.getResponseCode();
        InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (body != null) {
            try (body) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
        return status;
    }
}
