package eus.elkarlan.notification.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.notification.system.NotFoundException;
import eus.elkarlan.notification.system.PagedList;
import eus.elkarlan.notification.template.Language;
import eus.elkarlan.notification.template.NotificationKind;
import eus.elkarlan.notification.template.Templates;

/** The in-app feed of the caller (the token's subject): nobody reads or marks another's. */
@RestController
@RequestMapping("/api/v1/notifications")
class FeedController {

    private final Feed feed;
    private final Templates templates;
    private final Clock clock;

    FeedController(Feed feed, Templates templates, Clock clock) {
        this.feed = feed;
        this.templates = templates;
        this.clock = clock;
    }

    /** The caller's notifications, newest first, written in {@code lang}, else Accept-Language, else its language. */
    @GetMapping
    PagedList<NotificationView> list(Authentication caller, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "false") boolean unreadOnly,
            @RequestParam(required = false) String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        int p = PagedList.clampPage(page);
        int s = PagedList.clampSize(size);
        String requested = requestedLanguage(lang, acceptLanguage);
        List<NotificationView> items = feed.page(caller.getName(), unreadOnly, p, s).stream()
                .map(n -> view(n, requested)).toList();
        return PagedList.of(items, p, s, feed.count(caller.getName(), unreadOnly));
    }

    /** Marks one of the caller's notifications read; 404 for anybody else's. */
    @PostMapping("/{id}/read")
    NotificationView read(Authentication caller, @PathVariable String id, @RequestParam(required = false) String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        FeedNotification read = feed.markRead(id, caller.getName(), Instant.now(clock));
        if (read == null) {
            throw new NotFoundException("notification " + id);
        }
        return view(read, requestedLanguage(lang, acceptLanguage));
    }

    private NotificationView view(FeedNotification n, String requested) {
        String lang = requested != null ? requested : n.lang();
        Map<String, String> params = n.params() == null ? Map.of() : n.params();
        return new NotificationView(n.id(), n.kind(), Language.normalize(lang) == null ? Language.DEFAULT : lang,
                templates.feedLine(n.kind(), lang, params), n.companyId(), n.createdAt(), n.readAt() != null,
                n.readAt());
    }

    static String requestedLanguage(String lang, String acceptLanguage) {
        String fromQuery = Language.normalize(lang);
        if (fromQuery != null) {
            return fromQuery;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String candidate = Language.normalize(range.getRange());
                    if (candidate != null) {
                        return candidate;
                    }
                }
            }
            catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        return null;
    }

    /** A notification as the reader sees it. */
    record NotificationView(String id, NotificationKind kind, String lang, String text, String companyId,
            Instant createdAt, boolean read, Instant readAt) {
    }
}
