package eus.elkarlan.event.metrics;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import eus.elkarlan.event.scheduling.ScheduleResult;

/**
 * The event-service's business meters (deploy/k8s/README.md, "Business metrics"); each counted once
 * the change is stored.
 */
@Component
public class EventMetrics {

    /** {@code outcome} of {@code elkarlan.scheduler.solve}. */
    public enum SolveOutcome {
        /** proven optimal */
        OPTIMAL,
        /** a schedule, stopped before a proof (by a newer job or no further improvement) */
        FEASIBLE,
        /** no requested meeting could be placed, or the solver failed */
        INFEASIBLE,
        /** the time limit ended the search before a proof */
        TIMEOUT;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static SolveOutcome of(ScheduleResult result, int meetingsAsked, int secondsAllowed) {
            if (meetingsAsked > 0 && result.placements().isEmpty()) {
                return INFEASIBLE;
            }
            if (result.optimal()) {
                return OPTIMAL;
            }
            return result.seconds() >= secondsAllowed - LIMIT_SLACK_SECONDS ? TIMEOUT : FEASIBLE;
        }

        /** The solver skips a last phase with less than 0.05 s left: it may stop that much before the limit. */
        private static final double LIMIT_SLACK_SECONDS = 0.1;
    }

    private final MeterRegistry meters;
    private final Counter registrations;
    private final DistributionSummary breaks;

    public EventMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.registrations = Counter.builder("elkarlan.event.registrations")
                .description("Participants registered for an event").register(meters);
        this.breaks = DistributionSummary.builder("elkarlan.scheduler.breaks")
                .description("Breaks (idle slots between a participant's meetings) in each computed schedule")
                .register(meters);
        for (String outcome : new String[] { "requested", "accepted", "declined", "cancelled" }) {
            meetingRequests(outcome); // present at zero, so that rates exist before the first request
        }
    }

    public void participantRegistered() {
        registrations.increment();
    }

    public void meetingRequest(String outcome) {
        meetingRequests(outcome).increment();
    }

    private Counter meetingRequests(String outcome) {
        return Counter.builder("elkarlan.meeting.requests").description("The meeting request flow")
                .tag("outcome", outcome).register(meters);
    }

    /** One schedule computation: its wall time by outcome, and the breaks of the schedule it found. */
    public void scheduleComputed(long nanos, SolveOutcome outcome, ScheduleResult result) {
        solveTimer(outcome).record(nanos, TimeUnit.NANOSECONDS);
        if (result != null && outcome != SolveOutcome.INFEASIBLE) {
            breaks.record(result.breaks());
        }
    }

    private Timer solveTimer(SolveOutcome outcome) {
        return Timer.builder("elkarlan.scheduler.solve").description("Wall time of one schedule computation")
                .tag("outcome", outcome.tag()).publishPercentileHistogram().register(meters);
    }
}
