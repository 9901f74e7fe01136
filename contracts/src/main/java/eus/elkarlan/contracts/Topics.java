package eus.elkarlan.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic names and the one definition of how they are created: 6 partitions by default,
 * {@code elkarlan.companies} compacted, and a dead-letter topic {@code <topic>.DLT} with as many
 * partitions as its source for each.
 */
public final class Topics {

    /** Company snapshots, keyed by company id; compacted. */
    public static final String COMPANIES = "elkarlan.companies";
    /** Match suggestions, keyed by company id. */
    public static final String MATCHES = "elkarlan.matches";
    /** Events, participants, meetings and schedules, keyed by event id. */
    public static final String EVENTS = "elkarlan.events";

    public static final List<String> ALL = List.of(COMPANIES, MATCHES, EVENTS);
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }

    /** The dead-letter topic of a topic. */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }

    /**
     * Every topic of the platform with its dead-letter topic.
     *
     * @param partitions partitions of each topic (and of its dead-letter topic)
     * @param replicas replication factor (1 on one machine)
     */
    public static List<NewTopic> definitions(int partitions, short replicas) {
        if (partitions < 1 || replicas < 1) {
            throw new IllegalArgumentException("partitions and replicas must be at least 1");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : ALL) {
            NewTopic topic = new NewTopic(name, partitions, replicas);
            if (COMPANIES.equals(name)) {
                // erasure writes a tombstone after `deleted`: compaction then drops every snapshot
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000"));
            }
            topics.add(topic);
            topics.add(new NewTopic(deadLetter(name), partitions, replicas));
        }
        return topics;
    }
}
