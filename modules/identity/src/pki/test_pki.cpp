#include "precinct/identity/test_pki.hpp"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <climits>
#include <fstream>

#include "pki/openssl_util.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

using namespace std::chrono_literals;
constexpr auto kDay = 24h;
constexpr auto kYear = 8766h;  // 365.25 days

tl::unexpected<Error> Internal(std::string_view what) {
    return Fail(ErrorCode::kInternal, fmt::format("test PKI: {} failed: {}", what, pki::DrainOpenSslErrors()));
}

std::shared_ptr<evp_pkey_st> ShareKey(EVP_PKEY* key) {
    return std::shared_ptr<evp_pkey_st>(key, [](evp_pkey_st* k) { EVP_PKEY_free(k); });
}

std::shared_ptr<x509_st> ShareCert(X509* cert) {
    return std::shared_ptr<x509_st>(cert, [](x509_st* c) { X509_free(c); });
}

pki::EvpPkeyPtr GenerateP256() {
    pki::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_group_name(ctx.get(), "prime256v1") != 1) {
        return nullptr;
    }
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) != 1) return nullptr;
    return pki::EvpPkeyPtr(key);
}

bool AddEntry(X509_NAME* name, const char* field, const std::string& value) {
    if (value.empty()) return true;
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), -1, 0) == 1;
}

pki::X509NamePtr MakeName(const TestPkiOptions& o, std::string_view unit, const std::string& common_name) {
    pki::X509NamePtr name(X509_NAME_new());
    if (!name || !AddEntry(name.get(), "C", o.country) || !AddEntry(name.get(), "O", o.organization) ||
        !AddEntry(name.get(), "OU", std::string(unit)) || !AddEntry(name.get(), "CN", common_name)) {
        return nullptr;
    }
    return name;
}

bool AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
    X509_EXTENSION* ext = X509V3_EXT_nconf_nid(nullptr, ctx, nid, value);
    if (ext == nullptr) return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool SetTime(ASN1_TIME* field, std::chrono::system_clock::time_point t) {
    return ASN1_TIME_set(field, pki::ToTimeT(t)) != nullptr;
}

// A certificate for `subject_key` signed by `issuer_key`; `issuer` nullptr makes it self-signed.
Result<pki::X509Ptr> MakeCertificate(const X509_NAME* subject, EVP_PKEY* subject_key, X509* issuer,
                                     EVP_PKEY* issuer_key, const CertificateValidity& validity, bool ca) {
    pki::X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1) return Internal("X509_new");
    pki::BignumPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 63, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) != 1 ||
        BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
        return Internal("serial number");
    }
    if (!SetTime(X509_getm_notBefore(cert.get()), validity.not_before) ||
        !SetTime(X509_getm_notAfter(cert.get()), validity.not_after)) {
        return Internal("validity");
    }
    if (X509_set_subject_name(cert.get(), subject) != 1 ||
        X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : subject) != 1 ||
        X509_set_pubkey(cert.get(), subject_key) != 1) {
        return Internal("names and key");
    }
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer != nullptr ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
    const bool extensions_ok =
        ca ? AddExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE,pathlen:0") &&
                 AddExtension(cert.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign") &&
                 AddExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash") &&
                 AddExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always")
           : AddExtension(cert.get(), &ctx, NID_key_usage, "critical,digitalSignature") &&
                 AddExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always") &&
                 AddExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    if (!extensions_ok) return Internal("certificate extensions");
    if (X509_sign(cert.get(), issuer_key, EVP_sha256()) <= 0) return Internal("X509_sign");
    return cert;
}

// LDSSecurityObject DER for `groups`.
Result<Bytes> EncodeLdsSecurityObject(const std::map<int, Bytes>& groups, const SodBuildOptions& options) {
    std::string oid;
    for (std::string_view candidate : {"1.3.14.3.2.26", "2.16.840.1.101.3.4.2.4", "2.16.840.1.101.3.4.2.1",
                                       "2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3"}) {
        if (DigestNameForOid(candidate) == options.digest) oid = std::string(candidate);
    }
    if (oid.empty())
        return Fail(ErrorCode::kInvalidArgument, fmt::format("test PKI: unknown digest {}", options.digest));
    if (options.lds_security_object_version != 0 && options.lds_security_object_version != 1) {
        return Fail(ErrorCode::kInvalidArgument, "test PKI: LDSSecurityObject version must be 0 or 1");
    }
    if (groups.empty()) return Fail(ErrorCode::kInvalidArgument, "test PKI: no data groups to sign");
    Bytes hashes;
    for (const auto& [dg, file] : groups) {
        if (dg < 1 || dg > 16) return Fail(ErrorCode::kInvalidArgument, fmt::format("test PKI: DG{} is not 1-16", dg));
        auto hash = HashDataGroup(options.digest, file);
        if (!hash) return Fail(hash.error());
        const Bytes entry = Concat({EncodeTlv(kDerInteger, EncodeInteger(dg)), EncodeTlv(kDerOctetString, *hash)});
        const Bytes wrapped = EncodeTlv(kDerSequence, entry);
        hashes.insert(hashes.end(), wrapped.begin(), wrapped.end());
    }
    auto oid_bytes = EncodeOid(oid);
    if (!oid_bytes) return Fail(oid_bytes.error());
    Bytes body = Concat({EncodeTlv(kDerInteger, EncodeInteger(options.lds_security_object_version)),
                         EncodeTlv(kDerSequence, EncodeTlv(kDerOid, *oid_bytes)), EncodeTlv(kDerSequence, hashes)});
    if (options.lds_security_object_version == 1) {
        const Bytes info = EncodeTlv(kDerSequence, Concat({EncodeTlv(kDerPrintableString, ToBytes("0108")),
                                                           EncodeTlv(kDerPrintableString, ToBytes("040000"))}));
        body.insert(body.end(), info.begin(), info.end());
    }
    return EncodeTlv(kDerSequence, body);
}

std::string ReadBio(BIO* bio) {
    std::string text;
    char chunk[512];
    for (;;) {
        const int n = BIO_read(bio, chunk, static_cast<int>(sizeof chunk));
        if (n <= 0) break;
        text.append(chunk, static_cast<std::size_t>(n));
    }
    return text;
}

}  // namespace

Result<TestPki> TestPki::Create(std::chrono::system_clock::time_point now, const TestPkiOptions& options) {
    TestPki pki_out;
    pki_out.options_ = options;
    const CertificateValidity csca_validity =
        options.csca_validity.value_or(CertificateValidity{now - kDay, now - kDay + 15 * kYear});
    pki::EvpPkeyPtr key = GenerateP256();
    if (!key) return Internal("CSCA key generation");
    pki::X509NamePtr name = MakeName(options, "CSCA", options.csca_common_name);
    if (!name) return Internal("CSCA name");
    auto csca = MakeCertificate(name.get(), key.get(), nullptr, key.get(), csca_validity, true);
    if (!csca) return Fail(csca.error());
    pki_out.csca_der_ = pki::CertificateDer(csca->get());
    pki_out.csca_ = ShareCert(csca->release());
    pki_out.csca_key_ = ShareKey(key.release());
    auto ds = pki_out.IssueDocumentSigner(
        options.ds_validity.value_or(CertificateValidity{now - kDay, now - kDay + 10 * kYear}), options.ds_common_name);
    if (!ds) return Fail(ds.error());
    pki_out.document_signer_ = std::move(*ds);
    return pki_out;
}

Result<DocumentSigner> TestPki::IssueDocumentSigner(const CertificateValidity& validity,
                                                    std::string_view common_name) const {
    pki::EvpPkeyPtr key = GenerateP256();
    if (!key) return Internal("DS key generation");
    pki::X509NamePtr name = MakeName(options_, "Document Signer", std::string(common_name));
    if (!name) return Internal("DS name");
    auto cert = MakeCertificate(name.get(), key.get(), csca_.get(), csca_key_.get(), validity, false);
    if (!cert) return Fail(cert.error());
    DocumentSigner ds;
    ds.certificate_der_ = pki::CertificateDer(cert->get());
    ds.certificate_ = ShareCert(cert->release());
    ds.key_ = ShareKey(key.release());
    return ds;
}

std::string TestPki::CscaCertificatePem() const {
    pki::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), csca_.get()) != 1) return {};
    return ReadBio(bio.get());
}

Status TestPki::WriteTrustFolder(const std::filesystem::path& dir, std::string_view file_name) const {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("test PKI: cannot create {}", dir.string()));
    const std::string pem = CscaCertificatePem();
    std::ofstream out(dir / std::string(file_name), std::ios::binary | std::ios::trunc);
    out.write(pem.data(), static_cast<std::streamsize>(pem.size()));
    if (!out) return Fail(ErrorCode::kInvalidArgument, fmt::format("test PKI: cannot write into {}", dir.string()));
    return Ok();
}

Result<Bytes> TestPki::BuildSod(const std::map<int, Bytes>& groups, std::string_view digest) const {
    SodBuildOptions options;
    options.digest = std::string(digest);
    return BuildSod(document_signer_, groups, options);
}

Result<Bytes> TestPki::BuildSod(const DocumentSigner& signer, const std::map<int, Bytes>& groups,
                                const SodBuildOptions& options) const {
    auto lds = EncodeLdsSecurityObject(groups, options);
    if (!lds) return Fail(lds.error());
    const EVP_MD* md = pki::DigestByName(options.digest);
    if (!signer.key_ || !signer.certificate_) {
        return Fail(ErrorCode::kInvalidArgument, "test PKI: the document signer is empty");
    }
    const unsigned int flags = CMS_BINARY | CMS_NOSMIMECAP;
    pki::CmsPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags | CMS_PARTIAL));
    if (!cms) return Internal("CMS_sign");
    pki::Asn1ObjectPtr type(OBJ_txt2obj(std::string(kOidLdsSecurityObject).c_str(), 1));
    if (!type || CMS_set1_eContentType(cms.get(), type.get()) != 1) return Internal("CMS_set1_eContentType");
    if (CMS_add1_signer(cms.get(), signer.certificate_.get(), signer.key_.get(), md, flags) == nullptr) {
        return Internal("CMS_add1_signer");
    }
    pki::BioPtr content(BIO_new_mem_buf(lds->data(), static_cast<int>(lds->size())));
    if (!content || CMS_final(cms.get(), content.get(), nullptr, flags) != 1) return Internal("CMS_final");
    unsigned char* der = nullptr;
    const int n = i2d_CMS_ContentInfo(cms.get(), &der);
    if (n <= 0) return Internal("i2d_CMS_ContentInfo");
    Bytes content_info(der, der + n);
    OPENSSL_free(der);
    return EncodeTlv(0x77, content_info);
}

Result<Bytes> TestPki::BuildCrl(const std::vector<const DocumentSigner*>& revoked,
                                const CertificateValidity& this_and_next_update) const {
    pki::X509CrlPtr crl(X509_CRL_new());
    pki::Asn1TimePtr this_update(ASN1_TIME_set(nullptr, pki::ToTimeT(this_and_next_update.not_before)));
    pki::Asn1TimePtr next_update(ASN1_TIME_set(nullptr, pki::ToTimeT(this_and_next_update.not_after)));
    if (!crl || !this_update || !next_update || X509_CRL_set_version(crl.get(), 1) != 1 ||
        X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(csca_.get())) != 1 ||
        X509_CRL_set1_lastUpdate(crl.get(), this_update.get()) != 1 ||
        X509_CRL_set1_nextUpdate(crl.get(), next_update.get()) != 1) {
        return Internal("CRL header");
    }
    for (const DocumentSigner* ds : revoked) {
        if (ds == nullptr || !ds->certificate_) continue;
        X509_REVOKED* entry = X509_REVOKED_new();
        if (entry == nullptr ||
            X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(ds->certificate_.get())) != 1 ||
            X509_REVOKED_set_revocationDate(entry, this_update.get()) != 1 ||
            X509_CRL_add0_revoked(crl.get(), entry) != 1) {
            X509_REVOKED_free(entry);
            return Internal("CRL entry");
        }
    }
    if (X509_CRL_sort(crl.get()) != 1 || X509_CRL_sign(crl.get(), csca_key_.get(), EVP_sha256()) <= 0) {
        return Internal("X509_CRL_sign");
    }
    unsigned char* der = nullptr;
    const int n = i2d_X509_CRL(crl.get(), &der);
    if (n <= 0) return Internal("i2d_X509_CRL");
    Bytes out(der, der + n);
    OPENSSL_free(der);
    return out;
}

Result<AaPrivateKey> TestPki::MakeAaKey(AaKeyKind kind) {
    switch (kind) {
        case AaKeyKind::kRsa1024: return AaPrivateKey::GenerateRsa(1024);
        case AaKeyKind::kRsa2048: return AaPrivateKey::GenerateRsa(2048);
        case AaKeyKind::kEcP256: break;
    }
    return AaPrivateKey::GenerateEc("prime256v1");
}

}  // namespace precinct::identity
