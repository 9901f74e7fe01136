package eus.elkarlan.event.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every {@code POST} of the API (DESIGN.md: partner {@code POST}s accept
 * it): the first request with a key runs and its answer is kept; a repeat from the same caller to
 * the same path with the same body gets that answer again (header {@code Idempotent-Replayed:
 * true}) without a second effect. The same key with another body: 422; while the first is still
 * running: 409. Answers that say "try again" (409, 429, 5xx) are not kept, so a retry with the same
 * key runs again. Runs after authentication (the key is scoped to the caller); keys are kept
 * {@code elkarlan.events.idempotency-retention}.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_BODY = 1024 * 1024;

    private final MongoTemplate mongo;
    private final EventProperties properties;
    private final Clock clock;

    IdempotencyFilter(MongoTemplate mongo, EventProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            problem(response, 400, "Invalid request", "the request has invalid fields",
                    ",\"errors\":[{\"field\":\"" + HEADER + "\",\"message\":\"must be 1 to " + MAX_KEY_LENGTH
                            + " visible ASCII characters\"}]");
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            problem(response, 413, "Payload too large", "the body is over 1 MiB", "");
            return;
        }
        String id = sha256((auth.getName() + "\n" + request.getRequestURI() + "\n" + key)
                .getBytes(StandardCharsets.UTF_8));
        String requestHash = sha256(concat(String.valueOf(request.getQueryString()).getBytes(StandardCharsets.UTF_8),
                body));
        IdempotencyRecord first = claim(id, requestHash);
        if (first != null) {
            replay(first, requestHash, response);
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), wrapper);
            int status = wrapper.getStatus();
            if (status < 500 && status != 409 && status != 429) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                        new Update().set("state", IdempotencyRecord.DONE).set("status", status)
                                .set("contentType", wrapper.getContentType())
                                .set("location", wrapper.getHeader(HttpHeaders.LOCATION))
                                .set("etag", wrapper.getHeader(HttpHeaders.ETAG))
                                .set("body", new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8)),
                        IdempotencyRecord.class);
                kept = true;
            }
        } finally {
            if (!kept) {
                mongo.remove(Query.query(Criteria.where("_id").is(id)), IdempotencyRecord.class);
            }
            wrapper.copyBodyToResponse();
        }
    }

    /** Inserts the key as in progress; returns the earlier record when the key is known. */
    private IdempotencyRecord claim(String id, String requestHash) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                mongo.insert(new IdempotencyRecord(id, requestHash, IdempotencyRecord.IN_PROGRESS, 0, null, null,
                        null, null, clock.instant()));
                return null;
            } catch (DuplicateKeyException e) {
                IdempotencyRecord existing = mongo.findById(id, IdempotencyRecord.class);
                if (existing != null) {
                    return existing;
                }
                // removed meanwhile (a failed first attempt): claim it again
            }
        }
        throw new IllegalStateException("idempotency key could not be claimed");
    }

    private void replay(IdempotencyRecord first, String requestHash, HttpServletResponse response)
            throws IOException {
        if (!first.requestHash().equals(requestHash)) {
            problem(response, 422, "Idempotency-Key reused",
                    "this Idempotency-Key was used with another request body; use a new key for a new request", "");
            return;
        }
        if (!IdempotencyRecord.DONE.equals(first.state())) {
            problem(response, 409, "Request in progress",
                    "the first request with this Idempotency-Key is still running; retry later", "");
            return;
        }
        response.setStatus(first.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (first.contentType() != null) {
            response.setContentType(first.contentType());
        }
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        if (first.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, first.etag());
        }
        if (first.body() != null) {
            byte[] bytes = first.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetOldKeys() {
        Instant before = clock.instant().minus(properties.idempotencyRetention());
        mongo.remove(Query.query(Criteria.where("createdAt").lt(before)), IdempotencyRecord.class);
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail,
            String extra) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        byte[] bytes = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"" + extra + "}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The whole body, or null when it is over the limit. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        out[a.length] = '\n';
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, readable again by the controller. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
