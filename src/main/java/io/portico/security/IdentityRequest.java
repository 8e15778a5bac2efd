package io.portico.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The client request as the stages after security see it: credential and identity headers from the client are
 * gone, and the gateway's own identity headers stand in their place. The body is untouched.
 */
final class IdentityRequest extends HttpServletRequestWrapper {

    private final Set<String> hidden;
    private final Map<String, String> added;

    private IdentityRequest(HttpServletRequest clientRequest, Set<String> hidden, Map<String, String> added) {
        super(clientRequest);
        this.hidden = hidden;
        this.added = added;
    }

    /** Wraps {@code clientRequest} for a granted {@code identity} under {@code headers}' names. */
    static IdentityRequest of(HttpServletRequest clientRequest, IdentityHeaders headers, Optional<Identity> identity,
            boolean forwardAuthorization) {
        Set<String> hidden = new HashSet<>(headers.clientSuppliedNames());
        if (!forwardAuthorization) {
            hidden.add("authorization");
        }
        Map<String, String> added = new LinkedHashMap<>();
        identity.ifPresent(who -> {
            added.put(headers.subject(), who.subject());
            added.put(headers.consumer(), who.consumer());
            added.put(headers.roles(), String.join(",", new TreeSet<>(who.roles())));
        });
        return new IdentityRequest(clientRequest, Set.copyOf(hidden), added);
    }

    @Override
    public String getHeader(String name) {
        String own = addedValue(name);
        if (own != null || isHidden(name)) {
            return own;
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        String own = addedValue(name);
        if (own != null) {
            return Collections.enumeration(List.of(own));
        }
        return isHidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String name : Collections.list(super.getHeaderNames())) {
            if (!isHidden(name) && addedValue(name) == null) {
                names.add(name);
            }
        }
        names.addAll(added.keySet());
        return Collections.enumeration(names);
    }

    private boolean isHidden(String name) {
        return hidden.contains(IdentityHeaders.canonical(name));
    }

    private String addedValue(String name) {
        for (Map.Entry<String, String> entry : added.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
