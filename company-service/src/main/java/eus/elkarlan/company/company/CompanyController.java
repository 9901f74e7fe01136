package eus.elkarlan.company.company;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eus.elkarlan.company.opendata.MeetingLedger;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import eus.elkarlan.company.system.ApiException;
import eus.elkarlan.security.keycloak.StrictJsonInputConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Company profiles: register, read, replace (with {@code If-Match}), erase, and the GDPR export.
 * Bodies are parsed after the object and precondition checks, so that 404, 403, 428 and 412 come
 * before a 400 about the body.
 */
@RestController
@RequestMapping("/api/v1/companies")
class CompanyController {

    private final CompanyService companies;
    private final JsonMapper json;
    private final MongoTemplate mongo;
    private final MeetingLedger meetings;

    CompanyController(CompanyService companies, JsonMapper json, MongoTemplate mongo, MeetingLedger meetings) {
        this.companies = companies;
        this.json = json;
        this.mongo = mongo;
        this.meetings = meetings;
    }

    /** Registers the caller's company; the caller becomes its owner. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('company', 'admin')")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CompanyRequest.class)))
    ResponseEntity<CompanyResponse> register(@RequestBody String body, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        CompanyDocument created = companies.register(caller.subject(), parse(body));
        return ResponseEntity.created(URI.create("/api/v1/companies/" + created.id())).eTag(etag(created))
                .body(CompanyResponse.of(created, caller));
    }

    /** The caller's own company. */
    @GetMapping("/me")
    ResponseEntity<CompanyResponse> me(Authentication authentication) {
        Caller caller = requireSignedIn(authentication);
        CompanyDocument company = companies.findByOwner(caller.subject()).filter(c -> !c.erased())
                .orElseThrow(() -> ApiException.notFound("Your company"));
        return ResponseEntity.ok().eTag(etag(company)).body(CompanyResponse.of(company, caller));
    }

    /** A public profile; a private one only for its owner and admins (404 for the others). */
    @GetMapping("/{id}")
    ResponseEntity<CompanyResponse> read(@PathVariable String id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        CompanyDocument company = visible(id, caller);
        return ResponseEntity.ok().eTag(etag(company)).body(CompanyResponse.of(company, caller));
    }

    /** Replaces the profile; needs {@code If-Match} with the current ETag. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CompanyRequest.class)))
    ResponseEntity<CompanyResponse> replace(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication authentication) {
        Caller caller = requireSignedIn(authentication);
        CompanyDocument company = managed(id, caller);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "Precondition Required",
                    "Send If-Match with the ETag of the company you read.");
        }
        long expected = matchVersion(ifMatch, company);
        CompanyDocument saved = companies.replace(company, expected, parse(body));
        return ResponseEntity.ok().eTag(etag(saved)).body(CompanyResponse.of(saved, caller));
    }

    /** Erases the company everywhere (GDPR); {@code If-Match} is optional. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication authentication) {
        Caller caller = requireSignedIn(authentication);
        CompanyDocument company = managed(id, caller);
        Long expected = ifMatch == null || ifMatch.isBlank() ? null : matchVersion(ifMatch, company);
        companies.erase(company, expected);
        meetings.forget(company.id());
        return ResponseEntity.noContent().build();
    }

    /** Everything stored about the company (GDPR right of access and portability). */
    @GetMapping(path = "/{id}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> export(@PathVariable String id, Authentication authentication) {
        Caller caller = requireSignedIn(authentication);
        CompanyDocument company = managed(id, caller);
        JsonWriterSettings settings = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
        Document stored = mongo.getCollection(mongo.getCollectionName(CompanyDocument.class))
                .find(new Document("_id", company.id())).first();
        List<String> meetingJson = new ArrayList<>();
        for (Document meeting : meetings.involving(company.id())) {
            meetingJson.add(meeting.toJson(settings));
        }
        String body = "{\"companyId\":" + quote(company.id()) + ",\"exportedAt\":" + quote(java.time.Instant.now().toString())
                + ",\"collections\":{\"companies\":[" + (stored == null ? "" : stored.toJson(settings)) + "],"
                + "\"meetings\":[" + String.join(",", meetingJson) + "]}}";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"company-" + company.id() + ".json\"").body(body);
    }

    private CompanyDocument visible(String id, Caller caller) {
        CompanyDocument company = companies.find(id).orElseThrow(() -> ApiException.notFound("The company"));
        if (!company.profile().publicProfile() && !caller.mayManage(company)) {
            throw ApiException.notFound("The company");
        }
        return company;
    }

    private CompanyDocument managed(String id, Caller caller) {
        CompanyDocument company = visible(id, caller);
        if (!caller.mayManage(company)) {
            throw ApiException.forbidden("Only the company's owner or an admin may do this.");
        }
        return company;
    }

    private static Caller requireSignedIn(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.anonymous()) {
            throw ApiException.unauthorized();
        }
        return caller;
    }

    private static long matchVersion(String ifMatch, CompanyDocument company) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return company.version();
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            t = t.replace("\"", "");
            try {
                return Long.parseLong(t);
            }
            catch (NumberFormatException ex) {
                // not one of ours: stale
            }
        }
        throw CompanyService.stale();
    }

    private CompanyRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("", "a JSON body is required");
        }
        try {
            return json.readValue(body, CompanyRequest.class);
        }
        catch (JacksonException ex) {
            String field = StrictJsonInputConfiguration.fieldOf(ex);
            if (field != null) {
                throw ApiException.invalid(field, "has a wrong type, an unknown value or an object where a value is expected");
            }
            throw new ApiException(HttpStatus.BAD_REQUEST, "Bad Request",
                    "The body is not valid JSON of the expected shape (a wrong type or an object where a value is expected).");
        }
    }

    static String etag(CompanyDocument company) {
        return "\"" + company.version() + "\"";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
