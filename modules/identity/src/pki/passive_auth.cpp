#include "precinct/identity/passive_auth.hpp"

#include <fmt/format.h>
#include <openssl/objects.h>

#include <algorithm>

#include "pki/openssl_util.hpp"
#include "pki/sod_internal.hpp"
#include "pki/trust_store_impl.hpp"

namespace precinct::identity {

namespace {

using Clock = std::chrono::system_clock;

CertificateSummary Summarize(X509* cert) {
    CertificateSummary s;
    s.subject = pki::NameText(X509_get_subject_name(cert));
    s.issuer = pki::NameText(X509_get_issuer_name(cert));
    s.serial_hex = pki::SerialHex(X509_get0_serialNumber(cert));
    s.not_before = pki::ToTimePoint(X509_get0_notBefore(cert)).value_or(Clock::time_point{});
    s.not_after = pki::ToTimePoint(X509_get0_notAfter(cert)).value_or(Clock::time_point{});
    s.der = pki::CertificateDer(cert);
    return s;
}

X509* EmbeddedSigner(CMS_SignerInfo* si, STACK_OF(X509) * certs) {
    const int count = certs == nullptr ? 0 : sk_X509_num(certs);
    for (int i = 0; i < count; ++i) {
        X509* cert = sk_X509_value(certs, i);
        if (CMS_SignerInfo_cert_cmp(si, cert) == 0) return cert;
    }
    return nullptr;
}

std::string ShortHex(ByteView bytes) {
    const std::string hex = ToHex(bytes);
    return hex.size() > 16 ? hex.substr(0, 16) + "…" : hex;
}

// Why CMS_verify refused: the signed messageDigest against the eContent, else the signature itself.
std::string DiagnoseSignature(CMS_SignerInfo* si, const ASN1_OCTET_STRING* econtent, const std::string& openssl) {
    const ASN1_OCTET_STRING* signed_digest = static_cast<const ASN1_OCTET_STRING*>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
    X509_ALGOR* digest_alg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_alg, nullptr);
    const ASN1_OBJECT* obj = nullptr;
    if (digest_alg != nullptr) X509_ALGOR_get0(&obj, nullptr, nullptr, digest_alg);
    const auto name = DigestNameForOid(pki::OidText(obj));
    if (signed_digest == nullptr) return "the SignerInfo has no messageDigest attribute";
    if (name && econtent != nullptr) {
        const ByteView content(ASN1_STRING_get0_data(econtent), static_cast<std::size_t>(ASN1_STRING_length(econtent)));
        auto actual = HashDataGroup(*name, content);
        const ByteView listed(ASN1_STRING_get0_data(signed_digest),
                              static_cast<std::size_t>(ASN1_STRING_length(signed_digest)));
        if (actual && !ConstantTimeEqual(*actual, listed)) {
            return fmt::format(
                "the {} digest of the LDSSecurityObject ({}) differs from the signed messageDigest ({}): the content "
                "was changed after signing",
                *name, ShortHex(*actual), ShortHex(listed));
        }
    }
    return fmt::format("the signature over the signed attributes does not verify with the DS certificate's key ({})",
                       openssl.empty() ? "no detail" : openssl);
}

bool IsTimeError(int error) {
    return error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID ||
           error == X509_V_ERR_CRL_HAS_EXPIRED || error == X509_V_ERR_CRL_NOT_YET_VALID;
}

// Verifies `ds` against the store at `now` (or without time checks). Returns the verify error (X509_V_OK on
// success) and sets `anchor` to the trusted certificate the chain ends in.
int VerifyChain(const TrustStore::Impl& trust, X509* ds, STACK_OF(X509) * untrusted, Clock::time_point now,
                bool check_time, pki::X509Ptr& anchor) {
    pki::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), trust.store.get(), ds, untrusted) != 1) {
        pki::DrainOpenSslErrors();
        return X509_V_ERR_UNSPECIFIED;
    }
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
    if (check_time) {
        X509_VERIFY_PARAM_set_time(param, pki::ToTimeT(now));
    } else {
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
    }
    const int ok = X509_verify_cert(ctx.get());
    const int error = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx.get());
    if (ok == 1) {
        STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
        X509* top = sk_X509_value(chain, sk_X509_num(chain) - 1);
        if (top != nullptr && X509_up_ref(top) == 1) anchor.reset(top);
    }
    pki::DrainOpenSslErrors();
    return error == X509_V_OK && ok != 1 ? X509_V_ERR_UNSPECIFIED : error;
}

// Validity of one certificate at `now`; empty when valid.
std::string ValidityProblem(std::string_view who, const CertificateSummary& c, Clock::time_point now) {
    if (now < c.not_before) return fmt::format("{} certificate is not valid before {}", who, FormatUtc(c.not_before));
    if (now > c.not_after) return fmt::format("{} certificate expired on {}", who, FormatUtc(c.not_after));
    return {};
}

void CheckRevocation(const TrustStore::Impl& trust, X509* ds, X509* csca, Clock::time_point now, PaCheck& check) {
    X509_NAME* issuer = X509_get_issuer_name(ds);
    EVP_PKEY* key = csca != nullptr ? X509_get0_pubkey(csca) : nullptr;
    int of_issuer = 0;
    for (const auto& crl : trust.crls) {
        if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), issuer) != 0) continue;
        ++of_issuer;
        if (key == nullptr || X509_CRL_verify(crl.get(), key) != 1) continue;
        const auto issued = pki::ToTimePoint(X509_CRL_get0_lastUpdate(crl.get()));
        const std::string when = issued ? FormatUtc(*issued) : std::string("an unknown date");
        X509_REVOKED* revoked = nullptr;
        if (X509_CRL_get0_by_serial(crl.get(), &revoked, X509_get0_serialNumber(ds)) == 1 && revoked != nullptr) {
            const auto date = pki::ToTimePoint(X509_REVOKED_get0_revocationDate(revoked));
            check.passed = false;
            check.detail =
                fmt::format("DS certificate serial {} was revoked on {} (CRL of {} issued {})",
                            pki::SerialHex(X509_get0_serialNumber(ds)),
                            date ? FormatUtc(*date) : std::string("an unknown date"), pki::NameText(issuer), when);
            pki::DrainOpenSslErrors();
            return;
        }
        const auto next = pki::ToTimePoint(X509_CRL_get0_nextUpdate(crl.get()));
        check.passed = true;
        check.detail = fmt::format("DS certificate is not on the CRL of {} issued {}", pki::NameText(issuer), when);
        if (next && *next < now)
            check.detail += fmt::format(" (the CRL is past its next update, {})", FormatUtc(*next));
        pki::DrainOpenSslErrors();
        return;
    }
    pki::DrainOpenSslErrors();
    check.passed = true;
    check.informational = true;
    check.detail = of_issuer == 0 ? fmt::format("no CRL of {} is loaded; revocation not checked", pki::NameText(issuer))
                                  : fmt::format(
                                        "{} CRL(s) of {} are loaded but none verifies with the matched CSCA; "
                                        "revocation not checked",
                                        of_issuer, pki::NameText(issuer));
}

void CheckGroups(const Sod& sod, const std::map<int, Bytes>& present, PassiveAuthReport& report) {
    std::vector<int> numbers;
    for (const auto& [dg, file] : present) numbers.push_back(dg);
    for (const auto& [dg, hash] : sod.group_hashes) {
        if (present.count(dg) == 0) numbers.push_back(dg);
    }
    std::sort(numbers.begin(), numbers.end());
    for (const int dg : numbers) {
        PaCheck check;
        check.group = dg;
        const auto file = present.find(dg);
        const auto listed = sod.group_hashes.find(dg);
        if (file == present.end()) {
            check.kind = PaCheckKind::kGroupNotPresent;
            check.name = fmt::format("present.dg{}", dg);
            check.passed = true;
            check.informational = true;
            check.detail = fmt::format("DG{} is listed in EF.SOD but was not supplied", dg);
            report.missing_groups.push_back(dg);
        } else if (listed == sod.group_hashes.end()) {
            check.kind = PaCheckKind::kGroupNotListed;
            check.name = fmt::format("listed.dg{}", dg);
            check.detail = fmt::format("DG{} is present but EF.SOD lists no hash for it", dg);
            report.unlisted_groups.push_back(dg);
        } else {
            check.kind = PaCheckKind::kGroupHash;
            check.name = fmt::format("hash.dg{}", dg);
            auto actual = HashDataGroup(sod.digest_algorithm, file->second);
            if (!actual) {
                check.detail = actual.error().message;
            } else if (ConstantTimeEqual(*actual, listed->second)) {
                check.passed = true;
                check.detail = fmt::format("DG{} {} matches EF.SOD", dg, sod.digest_algorithm);
            } else {
                check.detail = fmt::format("DG{} {} is {}, EF.SOD lists {}", dg, sod.digest_algorithm, ToHex(*actual),
                                           ToHex(listed->second));
            }
            if (!check.passed) report.mismatched_groups.push_back(dg);
        }
        report.checks.push_back(std::move(check));
    }
    report.hashes_ok = !present.empty() && report.mismatched_groups.empty() && report.unlisted_groups.empty();
}

}  // namespace

const PaCheck* PassiveAuthReport::Find(std::string_view name) const {
    for (const auto& c : checks) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

std::string FormatUtc(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    const auto secs = floor<seconds>(t);
    const auto days = floor<std::chrono::days>(secs);
    const year_month_day ymd{days};
    const hh_mm_ss hms{secs - days};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                       hms.minutes().count(), hms.seconds().count());
}

Result<CertificateSummary> SummarizeCertificate(ByteView der) {
    pki::X509Ptr cert = pki::ParseCertificateDer(der);
    if (!cert) return Fail(ErrorCode::kInvalidArgument, "not a DER certificate (or bytes after it)");
    return Summarize(cert.get());
}

PassiveAuthReport PassiveAuthenticate(const Sod& sod, ByteView ef_sod, const std::map<int, Bytes>& present_groups,
                                      const TrustStore& trust, std::chrono::system_clock::time_point now) {
    const TrustStore::Impl& store = trust.impl();
    PassiveAuthReport report;
    report.have_trust_anchors = !store.certificates.empty();
    PaCheck signature{PaCheckKind::kSignature, "signature", false, false, {}, 0};
    PaCheck chain{PaCheckKind::kChain, "chain", false, false, {}, 0};
    PaCheck validity{PaCheckKind::kValidity, "validity", false, false, {}, 0};
    PaCheck revocation{PaCheckKind::kRevocation, "revocation", false, false, {}, 0};

    pki::CmsPtr cms;
    pki::X509StackPtr embedded;
    X509* ds = nullptr;
    auto content_info = pki::SodContentInfo(ef_sod);
    auto decoded =
        content_info ? pki::DecodeSodCms(*content_info, "EF.SOD") : Result<pki::SodCms>(Fail(content_info.error()));
    if (!decoded) {
        signature.detail = decoded.error().message;
    } else {
        cms = std::move(decoded->cms);
        embedded = std::move(decoded->certificates);
        auto si = pki::SingleSignerInfo(cms.get(), "EF.SOD");
        const ASN1_OCTET_STRING* econtent = pki::EContent(cms.get());
        if (si) ds = EmbeddedSigner(*si, embedded.get());
        if (!si) {
            signature.detail = si.error().message;
        } else if (econtent == nullptr || !std::equal(sod.lds_security_object.begin(), sod.lds_security_object.end(),
                                                      ASN1_STRING_get0_data(econtent),
                                                      ASN1_STRING_get0_data(econtent) + ASN1_STRING_length(econtent))) {
            signature.detail = "the parsed SOD does not belong to these EF.SOD bytes (its LDSSecurityObject differs)";
        } else if (ds == nullptr) {
            signature.detail = "EF.SOD embeds no certificate matching the SignerInfo's signer identifier";
        } else if (CMS_signed_get_attr_count(*si) <= 0) {
            signature.detail =
                "the SignerInfo has no signed attributes (Doc 9303 requires contentType and "
                "messageDigest)";
        } else if (CMS_verify(cms.get(), embedded.get(), nullptr, nullptr, nullptr,
                              CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1) {
            signature.passed = true;
            signature.detail = fmt::format(
                "{} signature by the embedded DS certificate verifies; the signed "
                "messageDigest matches the LDSSecurityObject",
                SodSignatureAlgorithmName(sod.signature_algorithm));
        } else {
            const std::string openssl = pki::DrainOpenSslErrors();
            signature.detail = DiagnoseSignature(*si, econtent, openssl);
        }
        pki::DrainOpenSslErrors();
    }

    pki::X509Ptr anchor;
    if (ds == nullptr) {
        chain.detail = "no document signer certificate to chain";
    } else {
        report.document_signer = Summarize(ds);
        if (!report.have_trust_anchors) {
            chain.detail = fmt::format("no trusted CSCA certificate in the trust store (DS issuer {})",
                                       report.document_signer->issuer);
        } else {
            int error = VerifyChain(store, ds, embedded.get(), now, true, anchor);
            if (IsTimeError(error)) {
                anchor.reset();
                const int untimed = VerifyChain(store, ds, embedded.get(), now, false, anchor);
                if (untimed == X509_V_OK) {
                    error = X509_V_OK;
                } else {
                    anchor.reset();
                    error = untimed;
                }
            }
            if (error == X509_V_OK && anchor) {
                chain.passed = true;
                report.csca = Summarize(anchor.get());
                chain.detail = fmt::format("DS certificate chains to the trusted CSCA {}", report.csca->subject);
            } else {
                chain.detail = fmt::format("DS certificate (issuer {}) does not chain to a trusted CSCA: {}",
                                           report.document_signer->issuer, X509_verify_cert_error_string(error));
            }
        }
    }

    if (!report.document_signer) {
        validity.detail = "no document signer certificate";
    } else {
        std::vector<std::string> problems;
        if (auto p = ValidityProblem("DS", *report.document_signer, now); !p.empty()) problems.push_back(p);
        if (report.csca) {
            if (auto p = ValidityProblem("CSCA", *report.csca, now); !p.empty()) problems.push_back(p);
        }
        validity.passed = problems.empty();
        if (validity.passed) {
            validity.detail =
                fmt::format("DS certificate valid {} to {}", FormatUtc(report.document_signer->not_before),
                            FormatUtc(report.document_signer->not_after));
            if (report.csca) {
                validity.detail += fmt::format("; CSCA certificate valid {} to {}", FormatUtc(report.csca->not_before),
                                               FormatUtc(report.csca->not_after));
            } else {
                validity.detail += "; CSCA unknown";
            }
        } else {
            validity.detail = fmt::format("{}", fmt::join(problems, "; "));
        }
    }

    if (ds == nullptr) {
        revocation.detail = "no document signer certificate";
    } else {
        CheckRevocation(store, ds, anchor.get(), now, revocation);
    }

    report.signature_ok = signature.passed;
    report.chain_ok = chain.passed;
    report.validity_ok = validity.passed;
    report.revocation_ok = revocation.passed;
    report.checks.push_back(std::move(signature));
    report.checks.push_back(std::move(chain));
    report.checks.push_back(std::move(validity));
    report.checks.push_back(std::move(revocation));
    CheckGroups(sod, present_groups, report);
    report.passed =
        report.signature_ok && report.chain_ok && report.validity_ok && report.revocation_ok && report.hashes_ok;
    return report;
}

}  // namespace precinct::identity
