package eus.elkarlan.notification.contact;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import eus.elkarlan.contracts.InvalidMessageException;
import eus.elkarlan.contracts.company.CompanySnapshot;

/** The contacts read model: kept from company snapshots, never older than what it holds. */
@Component
public class Contacts {

    // deliberately simple: one @, no spaces, a dot in the domain; the address is checked by the SMTP server anyway
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_EMAIL = 254;

    private final MongoTemplate mongo;

    Contacts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Contact> find(String companyId) {
        return companyId == null ? Optional.empty() : Optional.ofNullable(mongo.findById(companyId, Contact.class));
    }

    /** Stores the snapshot unless a newer version is already there. */
    public void apply(CompanySnapshot company) {
        String email = company.contact().email().trim();
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new InvalidMessageException("contact.email is not an e-mail address");
        }
        Query newer = Query.query(Criteria.where("_id").is(company.companyId()).and("version").lte(company.version()));
        Update update = new Update().set("ownerSubject", company.ownerSubject())
                .set("legalName", company.legalName())
                .set("contactName", company.contact().name())
                .set("email", email)
                .set("languages", company.languages())
                .set("publicProfile", company.publicProfile())
                .set("version", company.version());
        try {
            mongo.upsert(newer, update, Contact.class);
        }
        catch (DuplicateKeyException stale) {
            // a newer snapshot is stored: keep it
        }
    }

    public void erase(String companyId) {
        mongo.remove(Query.query(Criteria.where("_id").is(companyId)), Contact.class);
    }
}
