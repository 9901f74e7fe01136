package eus.elkarlan.notification.preference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import eus.elkarlan.notification.config.NotificationProperties;
import eus.elkarlan.notification.system.Hmac;
import eus.elkarlan.notification.template.NotificationKind;

/**
 * The one-click unsubscribe link of a mail: subject and kind, signed with the service's link
 * secret so that nobody unsubscribes somebody else.
 */
@Component
public class UnsubscribeLinks {

    private final NotificationProperties properties;

    UnsubscribeLinks(NotificationProperties properties) {
        this.properties = properties;
    }

    public String url(String subject, NotificationKind kind) {
        return UriComponentsBuilder.fromUriString(properties.publicBaseUrl())
                .path("/api/v1/notifications/unsubscribe").queryParam("token", token(subject, kind))
                .build().toUriString();
    }

    String token(String subject, NotificationKind kind) {
        String payload = subject + "|" + kind.name();
        String signature = Hmac.sha256Hex(properties.linkSecret(), payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + signature;
    }

    /** The subject and kind of a genuine token. */
    Optional<Target> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            String expected = Hmac.sha256Hex(properties.linkSecret(), payload);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            int bar = payload.lastIndexOf('|');
            return Optional.of(new Target(payload.substring(0, bar), NotificationKind.valueOf(payload.substring(bar + 1))));
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    record Target(String subject, NotificationKind kind) {
    }
}
