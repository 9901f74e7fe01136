package eus.elkarlan.company.company;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Who calls: the token's subject and whether it holds the admin role; anonymous on public reads. */
public record Caller(String subject, boolean admin) {

    public static Caller of(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return new Caller(null, false);
        }
        boolean admin = authentication.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
        return new Caller(authentication.getName(), admin);
    }

    public boolean anonymous() {
        return subject == null;
    }

    public boolean mayManage(CompanyDocument company) {
        return admin || (subject != null && subject.equals(company.ownerSubject()));
    }
}
