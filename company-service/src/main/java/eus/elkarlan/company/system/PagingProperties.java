package eus.elkarlan.company.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultSize page size when none is asked
 * @param maxSize     larger sizes are clamped to this
 * @param maxBodyBytes larger request bodies get 413
 */
@ConfigurationProperties("elkarlan.company.api")
public record PagingProperties(@DefaultValue("20") int defaultSize, @DefaultValue("100") int maxSize,
        @DefaultValue("1048576") long maxBodyBytes) {

    public int clamp(Integer size) {
        if (size == null) {
            return defaultSize;
        }
        if (size < 1) {
            throw ApiException.invalid("size", "must be at least 1");
        }
        return Math.min(size, maxSize);
    }

    public int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        return page;
    }
}
