package eus.elkarlan.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The web UI's files ({@code classpath:/static/**}), read once into memory with their media type and a
 * content-based ETag. They are small (about 150 KB in all), so each answer is one buffer: the gateway writes
 * headers and body in a single flushed message instead of streaming the file from the jar in 4 KB pieces.
 */
final class StaticFiles {

    /** A file of the UI as it is answered. */
    record StaticFile(String path, byte[] body, MediaType mediaType, String etag) {
    }

    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    StaticFiles(String location) {
        String root = location.endsWith("/") ? location : location + "/";
        try {
            Resource base = new PathMatchingResourcePatternResolver().getResource(root);
            String baseUrl = base.getURL().toString();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(root + "**")) {
                if (!resource.isReadable() || resource.getFilename() == null || resource.getFilename().isEmpty()) {
                    continue;
                }
                String url = resource.getURL().toString();
                if (!url.startsWith(baseUrl) || url.endsWith("/")) {
                    continue;
                }
                String path = "/" + url.substring(baseUrl.length());
                byte[] body;
                try (InputStream in = resource.getInputStream()) {
                    body = in.readAllBytes();
                }
                files.put(path, new StaticFile(path, body, mediaType(resource), etag(body)));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The web UI's files cannot be read from " + location, ex);
        }
    }

    /** The file answering a request path ({@code /} is the shell, {@code index.html}). */
    Optional<StaticFile> find(String requestPath) {
        String path = "/".equals(requestPath) ? "/index.html" : requestPath;
        return Optional.ofNullable(files.get(path));
    }

    int size() {
        return files.size();
    }

    private static MediaType mediaType(Resource resource) {
        MediaType type = MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM);
        String name = resource.getFilename();
        if (name != null && (name.endsWith(".js") || name.endsWith(".mjs"))) {
            type = new MediaType("text", "javascript");
        }
        boolean text = "text".equals(type.getType()) || type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || "image/svg+xml".equals(type.toString());
        return text ? new MediaType(type, StandardCharsets.UTF_8) : type;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
