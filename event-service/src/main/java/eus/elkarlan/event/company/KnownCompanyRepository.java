package eus.elkarlan.event.company;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface KnownCompanyRepository extends MongoRepository<KnownCompany, String> {

    default Optional<KnownCompany> findActive(String id) {
        return id == null ? Optional.empty() : findById(id).filter(KnownCompany::active);
    }
}
