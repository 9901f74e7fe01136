package eus.elkarlan.event.schedule;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

import eus.elkarlan.contracts.Envelope;
import eus.elkarlan.contracts.event.MeetingRescheduled;
import eus.elkarlan.contracts.event.ScheduledMeeting;
import eus.elkarlan.contracts.event.SchedulePublished;
import eus.elkarlan.contracts.event.Slot;
import eus.elkarlan.event.event.Event;
import eus.elkarlan.event.event.EventService;
import eus.elkarlan.event.metrics.EventMetrics;
import eus.elkarlan.event.outbox.OutboxEntry;
import eus.elkarlan.event.scheduling.MeetingScheduler;
import eus.elkarlan.event.scheduling.ScheduleResult;
import eus.elkarlan.event.scheduling.SchedulingProblem;
import eus.elkarlan.event.system.ApiException;
import eus.elkarlan.event.system.EventProperties;

/** Runs scheduling jobs in the background and publishes their result. */
@Service
public class ScheduleService {

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final EventService events;
    private final MongoTemplate mongo;
    private final EventProperties properties;
    private final Clock clock;
    private final ThreadPoolTaskExecutor executor;
    private final MeetingScheduler scheduler = new MeetingScheduler();
    private final EventMetrics metrics;

    ScheduleService(EventService events, MongoTemplate mongo, EventProperties properties, Clock clock,
            EventMetrics metrics) {
        this.events = events;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.executor = new ThreadPoolTaskExecutor();
        // the job continues the trace of the request that started it (its published schedule too)
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        executor.setCorePoolSize(Math.max(1, properties.schedulerThreads()));
        executor.setMaxPoolSize(Math.max(1, properties.schedulerThreads()));
        executor.setQueueCapacity(20);
        executor.setThreadNamePrefix("scheduler-");
        executor.setDaemon(true);
        executor.initialize();
    }

    TaskExecutor executor() {
        return executor;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Jobs that were running when the service stopped will never finish: say so. */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedJobs() {
        mongo.updateMulti(Query.query(Criteria.where("status").is("RUNNING")),
                new Update().set("status", "FAILED").set("error", "interrupted by a restart"), ScheduleDocument.class);
    }

    public ScheduleDocument start(String eventId, Integer timeLimit, Integer fairness, Runnable validation,
            String subject) {
        return start(eventId, timeLimit, fairness, false, validation, subject);
    }

    /**
     * @param keepPublished keep every published meeting in its slot (and table when free): only
     *                      meetings added since are placed around them
     */
    public ScheduleDocument start(String eventId, Integer timeLimit, Integer fairness, boolean keepPublished,
            Runnable validation, String subject) {
        Event event = events.get(eventId);
        if (!event.isOrganizer(subject)) {
            throw ApiException.forbidden("only the event's organizer computes its schedule");
        }
        validation.run();
        int seconds = timeLimit == null ? properties.defaultTimeLimitSeconds() : timeLimit;
        if (seconds > properties.maxTimeLimitSeconds()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("timeLimitSeconds",
                    "must be at most " + properties.maxTimeLimitSeconds())));
        }
        int d = fairness == null ? properties.defaultFairness() : fairness;
        String jobId = UUID.randomUUID().toString();
        Query notRunning = Query.query(Criteria.where("_id").is(eventId).and("status").ne("RUNNING"));
        Update update = new Update().set("jobId", jobId).set("status", "RUNNING").set("startedAt", clock.instant())
                .set("finishedAt", null).set("timeLimitSeconds", seconds).set("fairness", d)
                .set("meetings", List.of()).set("unscheduled", List.of()).set("breaks", 0).set("optimal", false)
                .set("fairnessRelaxed", false).set("error", null).setOnInsert("sequence", 0)
                .setOnInsert("published", List.of()).setOnInsert("pendingMessages", List.of());
        try {
            mongo.upsert(notRunning, update, ScheduleDocument.class);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw ApiException.conflict("a scheduling job is already running for this event");
        }
        // the MongoDB-wire server of the local stack was seen to drop $setOnInsert in this upsert:
        // give a new document its defaults explicitly (a no-op when they are there)
        mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("sequence").exists(false)),
                new Update().set("sequence", 0).set("published", List.of()).set("pendingMessages", List.of()),
                ScheduleDocument.class);
        ScheduleDocument doc = mongo.findById(eventId, ScheduleDocument.class);
        if (doc == null || !jobId.equals(doc.jobId())) {
            throw ApiException.conflict("a scheduling job is already running for this event");
        }
        ScheduleDocument previous = mongo.findById(eventId, ScheduleDocument.class);
        Input input = input(event, keepPublished && previous != null ? previous.published() : List.of());
        executor.execute(() -> run(eventId, jobId, input, seconds, d));
        return doc;
    }

    /** The solver's view of an event: participants and accepted meetings by position. */
    record Input(SchedulingProblem problem, List<Slot> slots, List<String> companyIds, List<String> meetingIds) {
    }

    static Input input(Event event) {
        return input(event, List.of());
    }

    static Input input(Event event, List<ScheduleDocument.PlacedMeeting> keep) {
        Map<String, ScheduleDocument.PlacedMeeting> kept = new HashMap<>();
        keep.forEach(m -> kept.put(m.meetingId(), m));
        Map<Integer, Integer> preferredTables = new HashMap<>();
        List<String> sessions = event.getSlots().stream().map(Slot::session).toList();
        List<String> companyIds = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        List<SchedulingProblem.Participant> participants = new ArrayList<>();
        for (Event.Participant p : event.getParticipants()) {
            index.put(p.companyId(), companyIds.size());
            companyIds.add(p.companyId());
            participants.add(new SchedulingProblem.Participant(p.companyId(), p.delegates(),
                    new HashSet<>(p.unavailableSlots()), p.fixedTable()));
        }
        List<SchedulingProblem.Meeting> meetings = new ArrayList<>();
        List<String> meetingIds = new ArrayList<>();
        for (Event.MeetingRequest r : event.acceptedMeetings()) {
            Integer a = index.get(r.getFromCompanyId());
            Integer b = index.get(r.getToCompanyId());
            if (a == null || b == null) {
                continue;
            }
            ScheduleDocument.PlacedMeeting published = kept.get(r.getMeetingId());
            if (published != null) {
                preferredTables.put(meetings.size(), published.table());
            }
            meetings.add(new SchedulingProblem.Meeting(r.getMeetingId(), a, b, r.getSession(),
                    published == null ? null : published.slot()));
            meetingIds.add(r.getMeetingId());
        }
        return new Input(new SchedulingProblem(sessions, event.getTables(), participants, meetings, preferredTables),
                event.getSlots(), companyIds, meetingIds);
    }

    private void run(String eventId, String jobId, Input input, int seconds, int fairness) {
        AtomicLong lastWrite = new AtomicLong();
        long started = System.nanoTime();
        try {
            ScheduleResult result = scheduler.solve(input.problem(),
                    new MeetingScheduler.Options(seconds, fairness, properties.solverWorkers()), progress -> {
                        long now = System.nanoTime();
                        if (now - lastWrite.get() > 500_000_000L) {
                            lastWrite.set(now);
                            save(eventId, jobId, input, progress, "RUNNING");
                        }
                    }, () -> !isCurrent(eventId, jobId));
            save(eventId, jobId, input, result, "DONE");
            metrics.scheduleComputed(System.nanoTime() - started,
                    EventMetrics.SolveOutcome.of(result, input.problem().meetings().size(), seconds), result);
        } catch (RuntimeException | Error e) {
            metrics.scheduleComputed(System.nanoTime() - started, EventMetrics.SolveOutcome.INFEASIBLE, null);
            log.error("scheduling job {} of event {} failed", jobId, eventId, e);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("jobId").is(jobId)),
                    new Update().set("status", "FAILED").set("error", "the solver failed")
                            .set("finishedAt", clock.instant()),
                    ScheduleDocument.class);
        }
    }

    private boolean isCurrent(String eventId, String jobId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(eventId).and("jobId").is(jobId)),
                ScheduleDocument.class);
    }

    private void save(String eventId, String jobId, Input input, ScheduleResult result, String status) {
        List<ScheduleDocument.PlacedMeeting> placed = new ArrayList<>();
        for (ScheduleResult.Placement p : result.placements()) {
            SchedulingProblem.Meeting m = input.problem().meetings().get(p.meeting());
            Slot slot = input.slots().get(p.slot() - 1);
            placed.add(new ScheduleDocument.PlacedMeeting(m.id(),
                    List.of(input.companyIds().get(m.a()), input.companyIds().get(m.b())), p.slot(), p.table(),
                    slot.start(), slot.end()));
        }
        List<ScheduleDocument.UnscheduledMeeting> unscheduled = new ArrayList<>();
        for (ScheduleResult.Unscheduled u : result.unscheduled()) {
            SchedulingProblem.Meeting m = input.problem().meetings().get(u.meeting());
            unscheduled.add(new ScheduleDocument.UnscheduledMeeting(m.id(),
                    List.of(input.companyIds().get(m.a()), input.companyIds().get(m.b())), u.reason()));
        }
        Update update = new Update().set("meetings", placed).set("unscheduled", unscheduled)
                .set("breaks", result.breaks()).set("optimal", result.optimal())
                .set("fairnessRelaxed", result.fairnessRelaxed()).set("status", status);
        if ("DONE".equals(status)) {
            update.set("finishedAt", clock.instant());
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("jobId").is(jobId)), update,
                ScheduleDocument.class);
    }

    public ScheduleDocument read(String eventId, String subject) {
        Event event = events.get(eventId);
        if (!events.organizerOrParticipant(event, subject)) {
            throw ApiException.forbidden("only the organizer and the participants read the schedule");
        }
        ScheduleDocument doc = mongo.findById(eventId, ScheduleDocument.class);
        if (doc == null) {
            throw ApiException.notFound("schedule of event " + eventId);
        }
        return doc;
    }

    /** Publishes the last finished schedule: one write sets it and queues {@code schedule-published}. */
    public ScheduleDocument publish(String eventId, String subject) {
        Event event = events.get(eventId);
        if (!event.isOrganizer(subject)) {
            throw ApiException.forbidden("only the event's organizer publishes its schedule");
        }
        ScheduleDocument doc = mongo.findById(eventId, ScheduleDocument.class);
        if (doc == null || !"DONE".equals(doc.status())) {
            throw ApiException.conflict("no finished schedule to publish");
        }
        int sequence = doc.sequence() + 1;
        List<ScheduledMeeting> meetings = doc.meetings().stream().map(m -> new ScheduledMeeting(m.meetingId(),
                m.companyIds(), m.slot(), m.table(), m.start(), m.end())).toList();
        Envelope envelope = Envelope.of(Event.SOURCE, new SchedulePublished(eventId, event.getName(),
                event.getVenueName(), event.getTimeZone(), meetings, sequence));
        List<Object> outbox = new ArrayList<>();
        outbox.add(OutboxEntry.of(envelope));
        if (doc.sequence() > 0) {
            // after a first publication, only the meetings that moved (or are new) are told apart
            Map<String, ScheduleDocument.PlacedMeeting> before = new HashMap<>();
            doc.published().forEach(m -> before.put(m.meetingId(), m));
            for (ScheduledMeeting m : meetings) {
                ScheduleDocument.PlacedMeeting old = before.get(m.meetingId());
                if (old == null || old.slot() != m.slot() || old.table() != m.table()) {
                    outbox.add(OutboxEntry.of(Envelope.of(Event.SOURCE, new MeetingRescheduled(eventId,
                            event.getName(), event.getTimeZone(), m, old == null ? null : old.slot(),
                            old == null ? null : old.table(), sequence))));
                }
            }
        }
        Update update = new Update().set("published", doc.meetings()).set("sequence", sequence)
                .set("publishedAt", clock.instant()).push("pendingMessages").each(outbox.toArray());
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("jobId").is(doc.jobId())
                .and("sequence").is(doc.sequence())), update, ScheduleDocument.class);
        if (result.getModifiedCount() == 0) {
            throw ApiException.conflict("the schedule changed meanwhile; retry");
        }
        return mongo.findById(eventId, ScheduleDocument.class);
    }

    public java.util.Optional<ScheduleDocument> find(String eventId) {
        return java.util.Optional.ofNullable(mongo.findById(eventId, ScheduleDocument.class));
    }
}
