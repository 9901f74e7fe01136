package eus.elkarlan.notification.preference;

import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.notification.system.NotFoundException;
import eus.elkarlan.notification.template.NotificationKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The caller's e-mail preferences, and the signed one-click unsubscribe link of every mail. */
@RestController
@RequestMapping("/api/v1/notifications")
class PreferenceController {

    private final PreferenceStore store;
    private final UnsubscribeLinks links;

    PreferenceController(PreferenceStore store, UnsubscribeLinks links) {
        this.store = store;
        this.links = links;
    }

    @GetMapping("/preferences")
    PreferencesView get(Authentication caller) {
        return PreferencesView.of(store.of(caller.getName()));
    }

    @PutMapping("/preferences")
    PreferencesView put(Authentication caller, @Valid @RequestBody PreferencesView body) {
        return PreferencesView.of(store.save(new Preferences(caller.getName(),
                PreferenceStore.copy(body.unsubscribed()), body.digest())));
    }

    /**
     * Public (the link of a mail): the token is the authority. A browser gets plain text; a client
     * that accepts JSON gets an unknown link as problem details, like every other API error.
     */
    @GetMapping(value = "/unsubscribe", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> unsubscribe(@RequestParam String token,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true)
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return links.verify(token).map(target -> {
            store.unsubscribe(target.subject(), target.kind());
            return ResponseEntity.ok("Unsubscribed from " + target.kind() + ".\n");
        }).orElseGet(() -> {
            if (accept != null && accept.contains("json")) {
                throw new NotFoundException("unsubscribe link");
            }
            return ResponseEntity.status(404).body("Unknown link.\n");
        });
    }

    /** Preferences as the API shows them. */
    record PreferencesView(@NotNull Set<NotificationKind> unsubscribed, Boolean digest) {
        static PreferencesView of(Preferences p) {
            return new PreferencesView(p.unsubscribed() == null ? Set.of() : p.unsubscribed(), p.digest());
        }
    }
}
