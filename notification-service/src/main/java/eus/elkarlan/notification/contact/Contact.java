package eus.elkarlan.notification.contact;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import eus.elkarlan.notification.template.Language;

/**
 * What this service keeps of a company (read model of {@code elkarlan.companies}): whom to
 * write to, in which language. Erased when the company is deleted.
 *
 * @param companyId     the company
 * @param ownerSubject  JWT subject of its owner: the recipient of the in-app feed
 * @param legalName     the name other companies see in notifications
 * @param contactName   the contact person, may be {@code null}
 * @param email         the contact e-mail
 * @param languages     working languages in order of preference
 * @param publicProfile whether the company is in the public directory
 * @param version       the snapshot version, to ignore stale updates
 */
@Document("contacts")
public record Contact(@Id String companyId, String ownerSubject, String legalName, String contactName, String email,
        List<String> languages, boolean publicProfile, long version) {

    /** The language of everything written to this company: its first working language we speak. */
    public String language() {
        String lang = Language.firstSupported(languages);
        return lang == null ? Language.DEFAULT : lang;
    }

    /** How a mail greets the company. */
    public String greetingName() {
        return contactName == null || contactName.isBlank() ? legalName : contactName;
    }
}
