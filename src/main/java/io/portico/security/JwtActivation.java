package io.portico.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Switches MicroProfile JWT on for the application. Servers honour {@code @LoginConfig} only on a class that CDI
 * discovers as a bean: on a JAX-RS {@code Application} or in web.xml alone, Payara 6 silently leaves the mechanism
 * off and lets every token through as anonymous.
 */
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "portico")
public class JwtActivation {

    /**
     * Never read: a guard. When the mechanism is not active, no bean provides a {@code JsonWebToken} and the
     * deployment fails here instead of letting tokens through unverified.
     */
    @Inject
    JsonWebToken activeMechanismGuard;
}
