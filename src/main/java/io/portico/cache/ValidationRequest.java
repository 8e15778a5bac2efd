package io.portico.cache;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client request turned into the cache's validation of a stored response (RFC 9111 section 4.3.1): the
 * client's own preconditions give way to the stored response's validators.
 */
final class ValidationRequest extends HttpServletRequestWrapper {

    private static final Set<String> PRECONDITIONS = Set.of("if-none-match", "if-modified-since", "if-match",
            "if-unmodified-since", "if-range", "range");

    private final Map<String, String> validators = new LinkedHashMap<>();

    ValidationRequest(HttpServletRequest clientRequest, StoredResponse stored) {
        super(clientRequest);
        List<String> etags = stored.values("ETag");
        if (!etags.isEmpty()) {
            validators.put("If-None-Match", String.join(", ", etags));
        }
        String lastModified = stored.first("Last-Modified");
        if (lastModified != null) {
            validators.put("If-Modified-Since", lastModified);
        }
    }

    @Override
    public String getHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (PRECONDITIONS.contains(lower)) {
            return own(name);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (PRECONDITIONS.contains(name.toLowerCase(Locale.ROOT))) {
            String value = own(name);
            return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String name : Collections.list(super.getHeaderNames())) {
            if (!PRECONDITIONS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        names.addAll(validators.keySet());
        return Collections.enumeration(names);
    }

    private String own(String name) {
        for (Map.Entry<String, String> validator : validators.entrySet()) {
            if (validator.getKey().equalsIgnoreCase(name)) {
                return validator.getValue();
            }
        }
        return null;
    }
}
