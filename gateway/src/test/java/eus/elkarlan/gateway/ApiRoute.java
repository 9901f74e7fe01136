package eus.elkarlan.gateway;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DESIGN.md's API table as the security suite walks it: every method and path, who may call it
 * at the gateway (an empty role set with {@code open} = anyone; empty without = any signed-in
 * caller) and the service that owns it.
 */
record ApiRoute(String method, String path, boolean open, Set<String> roles, String service) {

    static final List<String> ALL_ROLES = List.of("company", "organizer", "partner", "admin");

    static ApiRoute open(String method, String path, String service) {
        return new ApiRoute(method, path, true, Set.of(), service);
    }

    static ApiRoute signedIn(String method, String path, String service) {
        return new ApiRoute(method, path, false, Set.of(), service);
    }

    static ApiRoute roles(String method, String path, String service, String... roles) {
        return new ApiRoute(method, path, false, Set.of(roles), service);
    }

    boolean restrictedByRole() {
        return !roles.isEmpty();
    }

    /** A role that may call it (any platform role for open or signed-in routes). */
    String allowedRole() {
        return roles.isEmpty() ? "company" : roles.iterator().next();
    }

    List<String> forbiddenRoles() {
        return ALL_ROLES.stream().filter(r -> !roles.contains(r)).toList();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    static Stream<ApiRoute> all() {
        return Stream.of(
                // company-service
                roles("POST", "/api/v1/companies", "company", "company"),
                open("GET", "/api/v1/companies/c-1", "company"),
                roles("PUT", "/api/v1/companies/c-1", "company", "company", "admin"),
                roles("DELETE", "/api/v1/companies/c-1", "company", "company", "admin"),
                open("GET", "/api/v1/companies?q=zibersegurtasuna&territory=LAPURDI&lang=eu&page=0&size=20", "company"),
                roles("GET", "/api/v1/companies/me", "company", "company"),
                roles("GET", "/api/v1/companies/c-1/export", "company", "company"),
                open("GET", "/api/v1/concepts?lang=fr", "company"),
                open("GET", "/api/v1/concepts/suggest?text=cloud&lang=en", "company"),
                open("GET", "/api/v1/open-data/stats", "company"),
                // matching-service
                roles("GET", "/api/v1/companies/c-1/matches?limit=10&crossBorderOnly=true", "matching", "company",
                        "organizer", "admin"),
                roles("GET", "/api/v1/matches/audit", "matching", "organizer", "admin"),
                // event-service
                roles("POST", "/api/v1/events", "event", "organizer"),
                open("GET", "/api/v1/events", "event"),
                open("GET", "/api/v1/events/e-1", "event"),
                roles("POST", "/api/v1/events/e-1/participants", "event", "company"),
                roles("POST", "/api/v1/events/e-1/meeting-requests", "event", "company"),
                roles("POST", "/api/v1/events/e-1/meeting-requests/r-1/accept", "event", "company"),
                roles("POST", "/api/v1/events/e-1/meeting-requests/r-1/decline", "event", "company"),
                roles("POST", "/api/v1/events/e-1/meeting-requests/r-1/cancel", "event", "company"),
                roles("POST", "/api/v1/events/e-1/schedule", "event", "organizer"),
                roles("GET", "/api/v1/events/e-1/schedule", "event", "organizer", "company"),
                roles("POST", "/api/v1/events/e-1/schedule/publish", "event", "organizer"),
                roles("GET", "/api/v1/events/e-1/agenda/c-1", "event", "company", "organizer"),
                open("GET", "/api/v1/calendar/t-1.ics", "event"),
                roles("PUT", "/api/v1/events/e-1", "event", "organizer"),
                roles("POST", "/api/v1/events/e-1/cancel", "event", "organizer"),
                roles("DELETE", "/api/v1/events/e-1/participants/c-1", "event", "company", "organizer"),
                roles("POST", "/api/v1/events/e-1/meetings/m-1/check-in", "event", "company", "organizer"),
                roles("POST", "/api/v1/events/e-1/meetings/m-1/feedback", "event", "company"),
                roles("GET", "/api/v1/events/e-1/stats", "event", "organizer"),
                // notification-service
                signedIn("GET", "/api/v1/notifications", "notification"),
                signedIn("POST", "/api/v1/notifications/n-1/read", "notification"),
                roles("POST", "/api/v1/webhooks", "notification", "partner"),
                roles("GET", "/api/v1/webhooks", "notification", "partner"),
                roles("DELETE", "/api/v1/webhooks/w-1", "notification", "partner"));
    }
}
