#pragma once
// A throw-away document PKI made at run time, for tests and the software card demo: a self-signed CSCA and
// document signers it issues (EC P-256, ECDSA with SHA-256), which sign EF.SOD files that ParseSod and
// PassiveAuthenticate accept. Nothing it makes may be used to trust a real document; every key lives only in
// memory and dies with the object.
//
// Extensions as ICAO Doc 9303 Part 12 expects: CSCA basicConstraints cA (critical, pathLen 0), keyUsage
// keyCertSign and cRLSign (critical), subject key identifier; DS keyUsage digitalSignature (critical), authority
// and subject key identifiers.
//
// Copies share the keys. Const members are thread-safe.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precinct/identity/active_auth.hpp"
#include "precinct/identity/bytes.hpp"

struct evp_pkey_st;
struct x509_st;

namespace precinct::identity {

struct CertificateValidity {
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
};

struct TestPkiOptions {
    std::string country = "VN";
    std::string organization = "Precinct test PKI - not for real documents";
    std::string csca_common_name = "Precinct Test CSCA";
    std::string ds_common_name = "Precinct Test Document Signer";
    std::optional<CertificateValidity> csca_validity;  // default: from a day before `now` for 15 years
    std::optional<CertificateValidity> ds_validity;    // default: from a day before `now` for 10 years
};

// A document signer certificate with its private key.
class DocumentSigner {
public:
    const Bytes& certificate_der() const { return certificate_der_; }

private:
    friend class TestPki;
    std::shared_ptr<evp_pkey_st> key_;
    std::shared_ptr<x509_st> certificate_;
    Bytes certificate_der_;
};

struct SodBuildOptions {
    std::string digest = "SHA-256";       // of the data-group hashes and of the CMS signature: SHA-1/224/256/384/512
    int lds_security_object_version = 0;  // 0, or 1 with LDSVersionInfo "0108" / "040000"
};

enum class AaKeyKind { kRsa1024, kRsa2048, kEcP256 };

class TestPki {
public:
    // A CSCA and one document signer, valid around `now` unless `options` says otherwise.
    static Result<TestPki> Create(std::chrono::system_clock::time_point now, const TestPkiOptions& options = {});

    // Another document signer of the same CSCA, e.g. an expired one (validity wholly in the past).
    Result<DocumentSigner> IssueDocumentSigner(const CertificateValidity& validity,
                                               std::string_view common_name = "Precinct Test Document Signer") const;
    const DocumentSigner& document_signer() const { return document_signer_; }

    const Bytes& CscaCertificateDer() const { return csca_der_; }
    std::string CscaCertificatePem() const;
    // Writes the CSCA certificate as `file_name` (PEM) into `dir`, creating the folder, for TrustStore::AddDirectory.
    Status WriteTrustFolder(const std::filesystem::path& dir, std::string_view file_name = "test-csca.pem") const;

    // EF.SOD over `groups` (DG number 1-16 -> whole file, tag included), signed by the default document signer:
    // 0x77 { ContentInfo signedData { SignedData v3, eContentType 2.23.136.1.1.1, LDSSecurityObject, DS
    // certificate, one SignerInfo with signed attributes contentType, signingTime and messageDigest } }.
    Result<Bytes> BuildSod(const std::map<int, Bytes>& groups, std::string_view digest = "SHA-256") const;
    Result<Bytes> BuildSod(const DocumentSigner& signer, const std::map<int, Bytes>& groups,
                           const SodBuildOptions& options) const;

    // A CRL signed by the CSCA listing the certificates of `revoked` (DER of the CRL).
    Result<Bytes> BuildCrl(const std::vector<const DocumentSigner*>& revoked,
                           const CertificateValidity& this_and_next_update) const;

    // A fresh active authentication key pair; its SubjectPublicKeyInfoDer() is the content of DG15.
    static Result<AaPrivateKey> MakeAaKey(AaKeyKind kind);

private:
    TestPki() = default;

    std::shared_ptr<evp_pkey_st> csca_key_;
    std::shared_ptr<x509_st> csca_;
    Bytes csca_der_;
    TestPkiOptions options_;
    DocumentSigner document_signer_;
};

}  // namespace precinct::identity
