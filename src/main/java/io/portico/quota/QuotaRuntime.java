package io.portico.quota;

import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/** Opens the quota store when the application deploys and closes it when it undeploys. */
public final class QuotaRuntime {

    private static final Logger LOG = Logger.getLogger(QuotaRuntime.class.getName());
    private static final String ATTRIBUTE = QuotaPolicy.class.getName();

    private QuotaRuntime() {
    }

    /** Opens the store for {@code config} and shares the policy through {@code context}. */
    public static void start(QuotaConfig config, ServletContext context) {
        QuotaStore store = QuotaStores.open(config, context.getClassLoader());
        context.setAttribute(ATTRIBUTE, new QuotaPolicy(config, store));
        LOG.info(() -> "Portico quotas on " + config.routes().size() + " routes, store "
                + (config.cluster() ? "cluster" : "local"));
    }

    public static void stop(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof QuotaPolicy policy) {
            policy.close();
        }
    }

    static QuotaPolicy policy(ServletContext context) {
        return (QuotaPolicy) context.getAttribute(ATTRIBUTE);
    }
}
