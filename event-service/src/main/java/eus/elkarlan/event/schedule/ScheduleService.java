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
import eus.elkarlan.event.event.MeetingsChanged;
import eus.elkarlan.event.outbox.OutboxEntry;
import eus.elkarlan.event.scheduling.MeetingScheduler;
import eus.elkarlan.event.scheduling.ScheduleResult;
import eus.elkarlan.event.scheduling.SchedulingProblem;
import eus.elkarlan.event.system.ApiException;
import eus.elkarlan.event.system.EventProperties;

/** Runs scheduling jobs in the background and publishes their result. */
@Service
public class ScheduleService implements eus.elkarlan.event.event.ScheduleGuard {

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
        return start(eventId, timeLimit, fairness, true, validation, subject);
    }

    /**
     * @param allowMoves false: every published meeting keeps its slot (and its table when free),
     *                   only meetings added since are placed around them; true: everything may move
     *                   (before a first publication there is nothing to keep)
     */
    public ScheduleDocument start(String eventId, Integer timeLimit, Integer fairness, boolean allowMoves,
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
        return launch(event, seconds, d, !allowMoves, false);
    }

    /**
     * Starts a job (409 while another runs).
     *
     * @param keepPublished the published meetings keep their slots
     * @param autoPublish   publish the result when done (late placement: nobody else moves)
     */
    private ScheduleDocument launch(Event event, int seconds, int d, boolean keepPublished, boolean autoPublish) {
        String eventId = event.getId();
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
        Input input = input(event, keepPublished ? doc.published() : List.of());
        executor.execute(() -> run(eventId, jobId, input, seconds, d, autoPublish));
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

    private void run(String eventId, String jobId, Input input, int seconds, int fairness, boolean autoPublish) {
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
            if (autoPublish) {
                publishLate(eventId, jobId);
                reconcileQuietly(eventId);
            }
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
        if (!publish(event, doc, true)) {
            throw ApiException.conflict("the schedule changed meanwhile; retry");
        }
        reconcileQuietly(eventId);
        return mongo.findById(eventId, ScheduleDocument.class);
    }

    /**
     * One write sets the published schedule, raises its sequence and queues the messages:
     * {@code schedule-published} when {@code announce} (the organizer publishes: everybody gets the
     * whole agenda), and after a first publication {@code meeting-rescheduled} for each meeting that
     * is new or moved (slot or table) — never for one that stayed where it was.
     */
    private boolean publish(Event event, ScheduleDocument doc, boolean announce) {
        String eventId = event.getId();
        int sequence = doc.sequence() + 1;
        List<ScheduledMeeting> meetings = doc.meetings().stream().map(m -> new ScheduledMeeting(m.meetingId(),
                m.companyIds(), m.slot(), m.table(), m.start(), m.end())).toList();
        List<Object> outbox = new ArrayList<>();
        if (announce) {
            outbox.add(OutboxEntry.of(Envelope.of(Event.SOURCE, new SchedulePublished(eventId, event.getName(),
                    event.getVenueName(), event.getTimeZone(), meetings, sequence + event.getRevision()))));
        }
        if (doc.sequence() > 0) {
            Map<String, ScheduleDocument.PlacedMeeting> before = new HashMap<>();
            doc.published().forEach(m -> before.put(m.meetingId(), m));
            for (ScheduledMeeting m : meetings) {
                ScheduleDocument.PlacedMeeting old = before.get(m.meetingId());
                if (old == null || old.slot() != m.slot() || old.table() != m.table()) {
                    outbox.add(OutboxEntry.of(Envelope.of(Event.SOURCE, new MeetingRescheduled(eventId,
                            event.getName(), event.getTimeZone(), m, old == null ? null : old.slot(),
                            old == null ? null : old.table(), sequence + event.getRevision()))));
                }
            }
        }
        Update update = new Update().set("published", doc.meetings()).set("sequence", sequence)
                .set("publishedAt", clock.instant());
        if (!outbox.isEmpty()) {
            update.push("pendingMessages").each(outbox.toArray());
        }
        var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("jobId").is(doc.jobId())
                .and("sequence").is(doc.sequence())), update, ScheduleDocument.class);
        return result.getModifiedCount() > 0;
    }

    /** A late-placement job finished: publish it without announcing (only the new meetings are told). */
    private void publishLate(String eventId, String jobId) {
        ScheduleDocument doc = mongo.findById(eventId, ScheduleDocument.class);
        if (doc == null || !jobId.equals(doc.jobId()) || !"DONE".equals(doc.status())) {
            return;
        }
        publish(events.get(eventId), doc, false);
    }

    @EventListener
    void on(MeetingsChanged changed) {
        reconcileQuietly(changed.eventId());
    }

    /** The safety net: a change whose follow-up was lost (a crash between two writes) is caught up. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${elkarlan.events.reconcile-interval:60s}",
            initialDelayString = "${elkarlan.events.reconcile-interval:60s}")
    void reconcileAll() {
        Query published = Query.query(Criteria.where("sequence").gt(0).and("status").ne("RUNNING"));
        published.fields().include("_id");
        for (ScheduleDocument doc : mongo.find(published, ScheduleDocument.class)) {
            reconcileQuietly(doc.id());
        }
    }

    private void reconcileQuietly(String eventId) {
        try {
            // two changes at once: the loser of the conditional write looks again
            for (int attempt = 0; attempt < 3 && !reconcile(eventId); attempt++) {
                log.debug("published schedule of event {} changed meanwhile; again", eventId);
            }
        } catch (RuntimeException e) {
            log.warn("the published schedule of event {} could not follow a change yet: {}", eventId, e.toString());
        }
    }

    /**
     * Keeps a published schedule in step with the event: meetings cancelled since (or whose
     * company withdrew or was erased) leave it at once, in one write that raises the sequence (their
     * parties were told by {@code meeting-cancelled}); meetings accepted since are placed by a
     * late-placement job where every published meeting keeps its slot, published when done. Nothing
     * happens while a job runs or while the organizer holds an unpublished draft: the next compute
     * and publication take the change in.
     */
    boolean reconcile(String eventId) {
        ScheduleDocument doc = mongo.findById(eventId, ScheduleDocument.class);
        if (doc == null || doc.sequence() == 0 || "RUNNING".equals(doc.status())) {
            return true;
        }
        Event event = events.get(eventId);
        java.util.Set<String> registered = new HashSet<>();
        event.getParticipants().forEach(p -> registered.add(p.companyId()));
        java.util.Set<String> accepted = new HashSet<>();
        for (Event.MeetingRequest r : event.acceptedMeetings()) {
            if (registered.contains(r.getFromCompanyId()) && registered.contains(r.getToCompanyId())) {
                accepted.add(r.getMeetingId());
            }
        }
        boolean draftIsPublished = doc.meetings().equals(doc.published());
        List<ScheduleDocument.PlacedMeeting> keptPublished = doc.published().stream()
                .filter(m -> accepted.contains(m.meetingId())).toList();
        int removed = doc.published().size() - keptPublished.size();
        if (removed > 0) {
            Update update = new Update().set("published", keptPublished).inc("sequence", 1)
                    .set("publishedAt", clock.instant());
            if (draftIsPublished) {
                update.set("meetings", keptPublished).set("breaks", breaks(keptPublished));
            }
            var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId).and("sequence")
                    .is(doc.sequence()).and("jobId").is(doc.jobId())), update, ScheduleDocument.class);
            if (result.getModifiedCount() == 0) {
                return false; // changed meanwhile
            }
        }
        if (!draftIsPublished || "CANCELLED".equals(event.getStatus())) {
            return true;
        }
        java.util.Set<String> known = new HashSet<>();
        keptPublished.forEach(m -> known.add(m.meetingId()));
        java.util.Set<String> unplaceable = new HashSet<>();
        doc.unscheduled().forEach(u -> unplaceable.add(u.meetingId()));
        boolean newMeetings = accepted.stream().anyMatch(id -> !known.contains(id) && !unplaceable.contains(id));
        boolean roomForOld = removed > 0 && accepted.stream().anyMatch(unplaceable::contains);
        if (newMeetings || roomForOld) {
            try {
                launch(event, properties.latePlacementSeconds(), doc.fairness(), true, true);
            } catch (ApiException e) {
                log.debug("late placement of event {} not started: {}", eventId, e.getMessage());
            }
        }
        return true;
    }

    private static int breaks(List<ScheduleDocument.PlacedMeeting> meetings) {
        Map<String, java.util.BitSet> busy = new HashMap<>();
        for (ScheduleDocument.PlacedMeeting m : meetings) {
            m.companyIds().forEach(c -> busy.computeIfAbsent(c, k -> new java.util.BitSet()).set(m.slot()));
        }
        return busy.values().stream().mapToInt(eus.elkarlan.event.scheduling.Breaks::of).sum();
    }

    @Override
    public void checkEdit(String eventId, boolean gridChanged, int tables) {
        ScheduleDocument doc = mongo.findById(eventId, ScheduleDocument.class);
        if (doc == null) {
            return;
        }
        boolean tablesInUse = doc.published().stream().anyMatch(m -> m.table() > tables);
        if ("RUNNING".equals(doc.status()) && (gridChanged || doc.meetings().stream().anyMatch(m -> m.table() > tables))) {
            throw ApiException.conflict("a scheduling job is running on the current slot grid and tables; "
                    + "wait until it is done, then edit");
        }
        if (doc.sequence() > 0 && gridChanged) {
            throw ApiException.conflict("the schedule is published on the current slot grid (days, sessions, "
                    + "slot length, time zone): changing it would move every published meeting; cancel and "
                    + "recreate the event, or keep the grid");
        }
        if (tablesInUse) {
            throw ApiException.conflict("the published schedule uses tables above " + tables
                    + ": keep at least as many tables as it uses");
        }
    }

    @Override
    public void eventEdited(String eventId, boolean gridChanged, int tables) {
        // a computed but unpublished draft on the old grid, or on tables that are gone, cannot be published
        Query draft = Query.query(Criteria.where("_id").is(eventId).and("status").is("DONE"));
        ScheduleDocument doc = mongo.findOne(draft, ScheduleDocument.class);
        if (doc != null && !doc.meetings().equals(doc.published())
                && (gridChanged || doc.meetings().stream().anyMatch(m -> m.table() > tables))) {
            mongo.updateFirst(draft, new Update().set("status", "STALE")
                    .set("error", "the event's slot grid or tables changed: compute the schedule again"),
                    ScheduleDocument.class);
        }
    }

    public java.util.Optional<ScheduleDocument> find(String eventId) {
        return java.util.Optional.ofNullable(mongo.findById(eventId, ScheduleDocument.class));
    }
}
