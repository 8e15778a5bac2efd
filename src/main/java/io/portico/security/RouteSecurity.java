package io.portico.security;

import java.util.Set;

/**
 * One route's access rules.
 *
 * @param methods the accepted ways to authenticate; empty lets anyone through
 * @param roles roles of which the client needs any one; empty asks for none
 * @param scopes scopes the token must all hold; empty asks for none
 * @param forwardAuthorization whether the client's {@code Authorization} header goes upstream
 */
public record RouteSecurity(Set<AuthMethod> methods, Set<String> roles, Set<String> scopes,
        boolean forwardAuthorization) {

    public static final RouteSecurity OPEN = new RouteSecurity(Set.of(), Set.of(), Set.of(), true);

    public RouteSecurity {
        methods = Set.copyOf(methods);
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public boolean open() {
        return methods.isEmpty();
    }

    public boolean accepts(AuthMethod method) {
        return methods.contains(method);
    }
}
