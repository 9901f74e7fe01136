package eus.elkarlan.matching.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Whether the recommendations favour one side: organizers and admins. */
@RestController
class AuditController {

    private final ExposureAudit audit;

    AuditController(ExposureAudit audit) {
        this.audit = audit;
    }

    /** Exposure of each group in the top-N lists against its share of the population. */
    @GetMapping("/api/v1/matches/audit")
    @PreAuthorize("hasAnyRole('organizer', 'admin')")
    AuditReport audit() {
        return audit.report();
    }
}
