package eus.elkarlan.matching.company;

/** Told after the read model changed (on the consumer's thread). */
public interface CompanyChangeListener {

    void companyChanged(CompanyProfile company);

    void companyErased(String companyId);
}
