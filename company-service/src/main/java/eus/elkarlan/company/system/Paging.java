package eus.elkarlan.company.system;

import java.util.List;

/** The list envelope of every paged answer. */
public record Paging<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Paging<T> of(List<T> items, int page, int size, long total) {
        return new Paging<>(items, page, size, total, size == 0 ? 0 : (total + size - 1) / size);
    }
}
