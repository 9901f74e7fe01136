package eus.elkarlan.notification.system;

import java.util.List;

/** The list shape of the platform: {@code items}, {@code page} (from 0), {@code size}, totals. */
public record PagedList<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static final int MAX_SIZE = 100;

    public static <T> PagedList<T> of(List<T> items, int page, int size, long totalItems) {
        int totalPages = size == 0 ? 0 : (int) ((totalItems + size - 1) / size);
        return new PagedList<>(items, page, size, totalItems, totalPages);
    }

    /** A page size clamped to 1..100. */
    public static int clampSize(int size) {
        return Math.max(1, Math.min(MAX_SIZE, size));
    }

    public static int clampPage(int page) {
        return Math.max(0, page);
    }
}
