package eus.elkarlan.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The texts of every kind in eu, fr, es and en ({@code templates/notifications_<lang>.properties})
 * and the HTML layout of mails ({@code templates/mail-layout.html}). Placeholders are
 * {@code {name}}; a parameter whose name ends in {@code Time} holds an ISO instant and is written
 * in the reader's language and in the {@code timeZone} parameter's zone.
 */
@Component
public class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9]+)}");
    private static final String DEFAULT_ZONE = "Europe/Paris";

    private final Map<String, Properties> texts = new HashMap<>();
    private final String layout;

    public Templates() {
        for (String lang : Language.SUPPORTED) {
            texts.put(lang, load("templates/notifications_" + lang + ".properties"));
        }
        layout = read("templates/mail-layout.html");
    }

    /** A text of the catalogue, e.g. {@code meeting-accepted.subject}, filled with the parameters. */
    public String text(String lang, String key, Map<String, String> params) {
        String template = texts.get(lang(lang)).getProperty(key);
        if (template == null) {
            template = texts.get(Language.DEFAULT).getProperty(key);
        }
        if (template == null) {
            throw new IllegalStateException("no template " + key);
        }
        return fill(template, lang(lang), params);
    }

    /** A subject is one line, whatever the names in it hold (no header injection). */
    public String subject(NotificationKind kind, String lang, Map<String, String> params) {
        return oneLine(text(lang, kind.key() + ".subject", params));
    }

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t\\u0000-\\u001f]+", " ").trim();
    }

    /** The body of a mail, plain text. */
    public String body(NotificationKind kind, String lang, Map<String, String> params) {
        return text(lang, kind.key() + ".text", params);
    }

    /** The one line of the in-app feed. */
    public String feedLine(NotificationKind kind, String lang, Map<String, String> params) {
        return text(lang, kind.key() + ".feed", params);
    }

    /** A whole mail: plain text with greeting and footer, and the same as HTML in the layout. */
    public RenderedMail mail(NotificationKind kind, String lang, Map<String, String> params, String unsubscribeUrl) {
        String language = lang(lang);
        String subject = subject(kind, language, params);
        String body = body(kind, language, params);
        return compose(language, subject, body, params, unsubscribeUrl);
    }

    /** A mail of a subject and a body already written (the digest). */
    public RenderedMail compose(String lang, String subject, String body, Map<String, String> params,
            String unsubscribeUrl) {
        String language = lang(lang);
        subject = oneLine(subject);
        String greeting = text(language, "greeting", params);
        String footer = text(language, "footer", params);
        String unsubscribeLabel = text(language, "unsubscribe", params);
        StringBuilder plain = new StringBuilder().append(greeting).append("\n\n").append(body).append("\n\n")
                .append("-- \n").append(footer);
        if (unsubscribeUrl != null) {
            plain.append('\n').append(unsubscribeLabel).append(": ").append(unsubscribeUrl);
        }
        plain.append('\n');
        StringBuilder paragraphs = new StringBuilder();
        for (String paragraph : body.split("\n\n")) {
            paragraphs.append("<p>").append(HtmlUtils.htmlEscape(paragraph, "UTF-8").replace("\n", "<br>\n"))
                    .append("</p>\n");
        }
        String unsubscribe = unsubscribeUrl == null ? ""
                : "<a href=\"" + HtmlUtils.htmlEscape(unsubscribeUrl, "UTF-8") + "\">"
                        + HtmlUtils.htmlEscape(unsubscribeLabel, "UTF-8") + "</a>";
        String html = layout.replace("{{lang}}", language)
                .replace("{{title}}", HtmlUtils.htmlEscape(subject, "UTF-8"))
                .replace("{{greeting}}", HtmlUtils.htmlEscape(greeting, "UTF-8"))
                .replace("{{paragraphs}}", paragraphs.toString())
                .replace("{{footer}}", HtmlUtils.htmlEscape(footer, "UTF-8"))
                .replace("{{unsubscribe}}", unsubscribe);
        return new RenderedMail(subject, plain.toString(), html);
    }

    /** A time in the reader's language, e.g. {@code 2026 eka. 11 09:00}. */
    public String time(Instant instant, String zone, String lang) {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone == null ? DEFAULT_ZONE : zone);
        }
        catch (RuntimeException ex) {
            zoneId = ZoneId.of(DEFAULT_ZONE);
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(lang(lang))).withZone(zoneId).format(instant);
    }

    private String fill(String template, String lang, Map<String, String> params) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = params == null ? null : params.get(name);
            if (value != null && name.endsWith("Time")) {
                try {
                    value = time(Instant.parse(value), params.get("timeZone"), lang);
                }
                catch (RuntimeException ex) {
                    // keep the raw value
                }
            }
            if (value == null) {
                value = texts.get(lang).getProperty("missing." + name, "");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String lang(String lang) {
        String normalized = Language.normalize(lang);
        return normalized == null ? Language.DEFAULT : normalized;
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }

    private static String read(String resource) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Subject, plain text and HTML of one mail. */
    public record RenderedMail(String subject, String text, String html) {
    }
}
