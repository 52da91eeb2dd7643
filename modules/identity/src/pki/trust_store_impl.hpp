#pragma once
// The inside of TrustStore, shared with passive authentication. Internal to the pki part.
#include <set>
#include <vector>

#include "pki/openssl_util.hpp"
#include "precinct/identity/trust_store.hpp"

namespace precinct::identity {

struct TrustStore::Impl {
    Impl();

    // Every CSCA, as trust anchors (X509_V_FLAG_PARTIAL_CHAIN: a CSCA link certificate is an anchor too). Ready
    // for concurrent X509_verify_cert calls; only Add* modify it.
    pki::X509StorePtr store;
    std::vector<pki::X509Ptr> certificates;    // in the order added
    std::set<Bytes> certificate_fingerprints;  // SHA-256 of the DER
    std::vector<pki::X509CrlPtr> crls;
    std::set<Bytes> crl_fingerprints;
};

}  // namespace precinct::identity
