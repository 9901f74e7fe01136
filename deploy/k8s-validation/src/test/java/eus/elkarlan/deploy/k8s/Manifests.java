package eus.elkarlan.deploy.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders the Kustomize directories of deploy/k8s with {@code kubectl kustomize} (once per directory and JVM)
 * and gives the rendered documents as plain maps.
 */
final class Manifests {

    /** The executable, {@code kubectl} from the PATH unless the environment variable KUBECTL names another. */
    static final String KUBECTL = Optional.ofNullable(System.getenv("KUBECTL")).filter(s -> !s.isBlank()).orElse("kubectl");

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The repository's root: the first ancestor of the working directory holding deploy/k8s. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/k8s/base/kustomization.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/k8s/base/kustomization.yaml above " + dir);
    }

    static Path k8sDir() {
        return repositoryRoot().resolve("deploy/k8s");
    }

    /**
     * Fails (never skips) when kubectl cannot run: the checks would otherwise pass vacuously.
     */
    static void requireKubectl() {
        String hint = "kubectl is needed to render the Kustomize overlays and was not found or does not run ("
                + KUBECTL + "). Install it: on Debian `apt-get install -y kubernetes-client` (or a `kubectl` "
                + "package where the machine's apt sources have one), or point the environment variable KUBECTL "
                + "at a kubectl binary.";
        try {
            Process p = new ProcessBuilder(KUBECTL, "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(hint);
            }
        }
        catch (IOException ex) {
            throw new AssertionError(hint + " Cause: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(hint, ex);
        }
    }

    /** The documents that {@code kubectl kustomize deploy/k8s/<dir>} prints. */
    static List<Map<String, Object>> render(String dir) {
        return RENDERED.computeIfAbsent(dir, Manifests::kustomize);
    }

    private static List<Map<String, Object>> kustomize(String dir) {
        Path target = k8sDir().resolve(dir);
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process p = new ProcessBuilder(KUBECTL, "kustomize", target.toString())
                        .redirectError(stderr.toFile()).start();
                byte[] out;
                try (InputStream in = p.getInputStream()) {
                    out = in.readAllBytes();
                }
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + dir + " did not finish within 120 s");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "):\n"
                            + Files.readString(stderr));
                }
                return parseAll(new String(out, StandardCharsets.UTF_8));
            }
            finally {
                Files.deleteIfExists(stderr);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseAll(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : parser.loadAll(yaml)) {
            if (doc != null) {
                docs.add((Map<String, Object>) doc);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseOne(Path file) {
        try {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // --- navigation in the rendered maps ---

    static String kind(Map<String, Object> doc) {
        return (String) doc.get("kind");
    }

    static String name(Map<String, Object> doc) {
        return str(doc, "metadata.name");
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    static Map<String, Object> one(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(kind(d)) && name.equals(name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    /** The value at a dotted path ("spec.template.spec"); keys may contain dots when written as [key]. */
    static Object at(Object node, String path) {
        Object current = node;
        for (String key : split(path)) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            }
            else if (current instanceof List<?> list && key.matches("\\d+")) {
                int i = Integer.parseInt(key);
                current = i < list.size() ? list.get(i) : null;
            }
            else {
                return null;
            }
        }
        return current;
    }

    private static List<String> split(String path) {
        List<String> keys = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) == '[') {
                int end = path.indexOf(']', i);
                keys.add(path.substring(i + 1, end));
                i = end + 1;
                if (i < path.length() && path.charAt(i) == '.') {
                    i++;
                }
            }
            else {
                int dot = path.indexOf('.', i);
                int bracket = path.indexOf('[', i);
                int end = dot < 0 ? path.length() : dot;
                if (bracket >= 0 && bracket < end) {
                    end = bracket;
                }
                keys.add(path.substring(i, end));
                i = end < path.length() && path.charAt(end) == '.' ? end + 1 : end;
            }
        }
        return keys;
    }

    static String str(Object node, String path) {
        Object v = at(node, path);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        Object v = at(node, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String path) {
        Object v = at(node, path);
        return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static List<String> strings(Object node, String path) {
        Object v = at(node, path);
        return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** A deep copy that a test may change without touching the cached rendering. */
    static Map<String, Object> copy(Map<String, Object> doc) {
        return parseAll(new Yaml().dump(doc)).get(0);
    }

    static Integer integer(Object node, String path) {
        Object v = at(node, path);
        return v instanceof Number n ? n.intValue() : v == null ? null : Integer.valueOf(String.valueOf(v));
    }
}
