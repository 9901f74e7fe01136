package eus.elkarlan.security.keycloak;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A body announced larger than the limit ({@code Content-Length}) gets 413 problem details before
 * anything reads it (DESIGN.md, HTTP rules). Each service registers it with its own limit, first
 * in the chain.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;

    public BodySizeLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            ProblemResponses.write(request, response, 413, "Content Too Large",
                    "The body is larger than " + maxBodyBytes + " bytes.");
            return;
        }
        chain.doFilter(request, response);
    }
}
