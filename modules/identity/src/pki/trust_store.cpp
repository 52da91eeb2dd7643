#include "precinct/identity/trust_store.hpp"

#include <fmt/format.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <fstream>
#include <iterator>

#include "pki/openssl_util.hpp"
#include "pki/sod_internal.hpp"
#include "pki/trust_store_impl.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

constexpr std::string_view kPemMarker = "-----BEGIN";

bool LooksLikePem(ByteView bytes) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return text.find(kPemMarker) != std::string_view::npos;
}

pki::BioPtr MemoryBio(ByteView bytes) {
    return pki::BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

Bytes Fingerprint(ByteView der) {
    auto digest = HashDataGroup("SHA-256", der);
    return digest ? *digest : Bytes(der.begin(), der.end());
}

tl::unexpected<Error> TooLarge(std::string_view what, std::size_t size) {
    return Fail(ErrorCode::kTooLarge,
                fmt::format("{}: {} bytes, larger than the limit of {}", what, size, TrustStore::kMaxFileBytes));
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

Result<Bytes> ReadFileLimited(const std::filesystem::path& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, "cannot read the file");
    if (size > TrustStore::kMaxFileBytes) return TooLarge("file", size);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kInvalidArgument, "cannot open the file");
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() > TrustStore::kMaxFileBytes) return TooLarge("file", bytes.size());
    return bytes;
}

// Adds one CA certificate to `impl`; refused when it is not a CA or the store is full. `duplicate` is set when it
// was already held (then nothing changes).
Status AddOne(TrustStore::Impl& impl, pki::X509Ptr cert, bool& duplicate) {
    duplicate = false;
    if (X509_check_ca(cert.get()) < 1) {
        pki::DrainOpenSslErrors();
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("certificate {} is not a CA certificate (basicConstraints cA is not set)",
                                pki::NameText(X509_get_subject_name(cert.get()))));
    }
    const Bytes der = pki::CertificateDer(cert.get());
    if (der.empty()) return Fail(ErrorCode::kInvalidArgument, "certificate cannot be re-encoded");
    Bytes print = Fingerprint(der);
    if (impl.certificate_fingerprints.count(print) != 0) {
        duplicate = true;
        return Ok();
    }
    if (impl.certificates.size() >= TrustStore::kMaxCertificates) {
        return Fail(ErrorCode::kTooLarge,
                    fmt::format("the trust store already holds {} certificates", TrustStore::kMaxCertificates));
    }
    if (X509_STORE_add_cert(impl.store.get(), cert.get()) != 1) {
        return Fail(ErrorCode::kInternal, fmt::format("X509_STORE_add_cert failed: {}", pki::DrainOpenSslErrors()));
    }
    impl.certificate_fingerprints.insert(std::move(print));
    impl.certificates.push_back(std::move(cert));
    return Ok();
}

// The CMS signer's certificate among those embedded in `cms`, or nullptr.
X509* EmbeddedSigner(CMS_SignerInfo* si, STACK_OF(X509) * certs) {
    const int count = certs == nullptr ? 0 : sk_X509_num(certs);
    for (int i = 0; i < count; ++i) {
        X509* cert = sk_X509_value(certs, i);
        if (CMS_SignerInfo_cert_cmp(si, cert) == 0) return cert;
    }
    return nullptr;
}

// Whether `signer` chains to one of `anchors` (partial chains allowed, validity periods not checked).
bool ChainsTo(X509* signer, const std::vector<X509*>& anchors, STACK_OF(X509) * untrusted, std::string& detail) {
    pki::X509StorePtr store(X509_STORE_new());
    if (!store) return false;
    for (X509* a : anchors) X509_STORE_add_cert(store.get(), a);
    X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_NO_CHECK_TIME);
    pki::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), signer, untrusted) != 1) {
        detail = "cannot set up the chain check: " + pki::DrainOpenSslErrors();
        return false;
    }
    if (X509_verify_cert(ctx.get()) == 1) {
        STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx.get());
        X509* top = sk_X509_value(chain, sk_X509_num(chain) - 1);
        detail = fmt::format("signer certificate chains to {} (validity periods not checked)",
                             pki::NameText(X509_get_subject_name(top)));
        return true;
    }
    detail = fmt::format("signer certificate does not chain to a CSCA of the list or the store: {}",
                         X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
    pki::DrainOpenSslErrors();
    return false;
}

}  // namespace

TrustStore::Impl::Impl() : store(X509_STORE_new()) {
    if (store) X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
}

TrustStore::TrustStore() : impl_(std::make_unique<Impl>()) {}
TrustStore::~TrustStore() = default;
TrustStore::TrustStore(TrustStore&&) noexcept = default;
TrustStore& TrustStore::operator=(TrustStore&&) noexcept = default;

const TrustStore::Impl& TrustStore::impl() const {
    static const Impl& empty = *new Impl;  // never destroyed: it may outlive OpenSSL's exit handler
    return impl_ ? *impl_ : empty;
}

Status TrustStore::AddCertificate(ByteView der_or_pem) {
    if (der_or_pem.size() > kMaxFileBytes) return TooLarge("certificate", der_or_pem.size());
    if (!impl_) impl_ = std::make_unique<Impl>();
    if (!impl_->store) return Fail(ErrorCode::kInternal, "X509_STORE_new failed");
    if (!LooksLikePem(der_or_pem)) {
        pki::X509Ptr cert = pki::ParseCertificateDer(der_or_pem);
        if (!cert) return Fail(ErrorCode::kInvalidArgument, "not a DER certificate (or bytes after it)");
        bool duplicate = false;
        return AddOne(*impl_, std::move(cert), duplicate);
    }
    pki::BioPtr bio = MemoryBio(der_or_pem);
    if (!bio) return Fail(ErrorCode::kInternal, "BIO_new_mem_buf failed");
    int found = 0;
    for (;;) {
        pki::X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!cert) break;
        ++found;
        bool duplicate = false;
        if (auto s = AddOne(*impl_, std::move(cert), duplicate); !s) {
            pki::DrainOpenSslErrors();
            return Fail(s.error().code, fmt::format("PEM certificate {}: {}", found, s.error().message));
        }
    }
    pki::DrainOpenSslErrors();  // the end of the PEM data leaves "no start line" behind
    if (found == 0) return Fail(ErrorCode::kInvalidArgument, "no PEM CERTIFICATE block could be read");
    return Ok();
}

Status TrustStore::AddCrl(ByteView der_or_pem) {
    if (der_or_pem.size() > kMaxFileBytes) return TooLarge("CRL", der_or_pem.size());
    if (!impl_) impl_ = std::make_unique<Impl>();
    pki::X509CrlPtr crl;
    if (LooksLikePem(der_or_pem)) {
        pki::BioPtr bio = MemoryBio(der_or_pem);
        if (bio) crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
        if (!crl) {
            pki::DrainOpenSslErrors();
            return Fail(ErrorCode::kInvalidArgument, "no PEM X509 CRL block could be read");
        }
    } else {
        const unsigned char* p = der_or_pem.data();
        if (!der_or_pem.empty()) crl.reset(d2i_X509_CRL(nullptr, &p, static_cast<long>(der_or_pem.size())));
        if (!crl) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("not a DER CRL ({})", pki::DrainOpenSslErrors()));
        }
        if (p != der_or_pem.data() + der_or_pem.size()) {
            return Fail(ErrorCode::kInvalidArgument, "bytes after the DER CRL");
        }
    }
    unsigned char* out = nullptr;
    const int n = i2d_X509_CRL(crl.get(), &out);
    if (n <= 0) return Fail(ErrorCode::kInvalidArgument, "CRL cannot be re-encoded");
    Bytes print = Fingerprint(ByteView(out, static_cast<std::size_t>(n)));
    OPENSSL_free(out);
    if (impl_->crl_fingerprints.count(print) != 0) return Ok();
    if (impl_->crls.size() >= kMaxCrls) {
        return Fail(ErrorCode::kTooLarge, fmt::format("the trust store already holds {} CRLs", kMaxCrls));
    }
    impl_->crl_fingerprints.insert(std::move(print));
    impl_->crls.push_back(std::move(crl));
    return Ok();
}

// MasterList = ContentInfo signedData { eContentType id-icao-cscaMasterList, eContent CscaMasterList };
// CscaMasterList ::= SEQUENCE { version INTEGER (0), certList SET OF Certificate }.
Result<MasterListInfo> TrustStore::AddMasterList(ByteView mls, const MasterListOptions& options) {
    if (mls.size() > kMaxFileBytes) return TooLarge("master list", mls.size());
    if (!impl_) impl_ = std::make_unique<Impl>();
    auto cms = pki::DecodeCms(mls, "master list");
    if (!cms) return Fail(cms.error());
    const std::string type = pki::OidText(CMS_get0_type(cms->get()));
    if (type != kOidSignedData) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("master list: ContentInfo contentType is {}, expected signedData ({})", type, kOidSignedData));
    }
    const std::string econtent_type = pki::OidText(CMS_get0_eContentType(cms->get()));
    if (econtent_type != kOidCscaMasterList) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("master list: eContentType is {}, expected id-icao-cscaMasterList ({})", econtent_type,
                                kOidCscaMasterList));
    }
    const ASN1_OCTET_STRING* content = pki::EContent(cms->get());
    if (content == nullptr) return Fail(ErrorCode::kInvalidArgument, "master list: no eContent (detached content)");
    const ByteView list(ASN1_STRING_get0_data(content), static_cast<std::size_t>(ASN1_STRING_length(content)));
    auto top = ReadSingleTlv(list, kDerSequence, "CscaMasterList");
    if (!top) return Fail(ErrorCode::kInvalidArgument, "master list: " + top.error().message);
    auto fields = ReadAllTlv(top->value);
    if (!fields) return Fail(ErrorCode::kInvalidArgument, "master list: CscaMasterList: " + fields.error().message);
    if (fields->size() != 2 || (*fields)[0].tag != kDerInteger || (*fields)[1].tag != kDerSet) {
        return Fail(ErrorCode::kInvalidArgument,
                    "master list: CscaMasterList is not { version INTEGER, certList SET }");
    }
    auto version = DecodeInteger((*fields)[0].value);
    if (!version) return Fail(ErrorCode::kInvalidArgument, "master list: version: " + version.error().message);
    if (*version != 0) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("master list: version is {}, must be 0", *version));
    }
    auto entries = ReadAllTlv((*fields)[1].value);
    if (!entries) return Fail(ErrorCode::kInvalidArgument, "master list: certList: " + entries.error().message);

    MasterListInfo info;
    info.version = static_cast<int>(*version);
    info.certificates_in_list = entries->size();
    std::vector<pki::X509Ptr> listed;
    for (const auto& entry : *entries) {
        pki::X509Ptr cert = entry.tag == kDerSequence ? pki::ParseCertificateDer(entry.raw) : nullptr;
        if (!cert) {
            ++info.skipped;
            continue;
        }
        listed.push_back(std::move(cert));
    }

    // The CMS signature, by the certificate embedded in the list.
    const unsigned int flags = CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY;
    info.signature_verified = CMS_verify(cms->get(), nullptr, nullptr, nullptr, nullptr, flags) == 1;
    info.signature_detail = info.signature_verified ? "CMS signature verifies with the embedded signer certificate"
                                                    : "CMS signature does not verify: " + pki::DrainOpenSslErrors();
    pki::X509StackPtr embedded(CMS_get1_certs(cms->get()));
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms->get());
    CMS_SignerInfo* si =
        infos != nullptr && sk_CMS_SignerInfo_num(infos) > 0 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
    X509* signer = si != nullptr ? EmbeddedSigner(si, embedded.get()) : nullptr;
    if (signer == nullptr) {
        info.signer_chain_detail = "no signer certificate is embedded in the master list";
    } else {
        info.signer_subject = pki::NameText(X509_get_subject_name(signer));
        std::vector<X509*> anchors;
        for (const auto& c : listed) anchors.push_back(c.get());
        for (const auto& c : impl_->certificates) anchors.push_back(c.get());
        info.signer_chain_verified = ChainsTo(signer, anchors, embedded.get(), info.signer_chain_detail);
    }
    pki::DrainOpenSslErrors();
    if (!info.signature_verified && options.require_valid_signature) {
        return Fail(ErrorCode::kInvalidArgument, "master list: " + info.signature_detail);
    }

    for (auto& cert : listed) {
        bool duplicate = false;
        auto added = AddOne(*impl_, std::move(cert), duplicate);
        if (!added) {
            if (added.error().code == ErrorCode::kTooLarge) return Fail(added.error());
            ++info.skipped;
        } else if (duplicate) {
            ++info.duplicates;
        } else {
            ++info.added;
        }
    }
    return info;
}

Status TrustStore::AddDirectory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("trust folder {}: not a folder", dir.string()));
    }
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("trust folder {}: cannot list it", dir.string()));
    std::sort(files.begin(), files.end());
    std::vector<std::string> failures;
    for (const auto& path : files) {
        const std::string ext = Lower(path.extension().string());
        const bool is_cert = ext == ".cer" || ext == ".crt" || ext == ".der" || ext == ".pem";
        if (!is_cert && ext != ".mls" && ext != ".crl") continue;
        auto bytes = ReadFileLimited(path);
        Status status = Ok();
        if (!bytes) {
            status = Fail(bytes.error());
        } else if (is_cert) {
            status = AddCertificate(*bytes);
        } else if (ext == ".crl") {
            status = AddCrl(*bytes);
        } else if (auto ml = AddMasterList(*bytes); !ml) {
            status = Fail(ml.error());
        }
        if (!status) failures.push_back(fmt::format("{}: {}", path.filename().string(), status.error().message));
    }
    if (!failures.empty()) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("trust folder {}: {}", dir.string(), fmt::join(failures, "; ")));
    }
    return Ok();
}

std::size_t TrustStore::size() const { return impl().certificates.size(); }

std::size_t TrustStore::crl_count() const { return impl().crls.size(); }

std::vector<Bytes> TrustStore::CertificatesDer() const {
    std::vector<Bytes> out;
    for (const auto& c : impl().certificates) out.push_back(pki::CertificateDer(c.get()));
    return out;
}

std::vector<std::string> TrustStore::Subjects() const {
    std::vector<std::string> out;
    for (const auto& c : impl().certificates) out.push_back(pki::NameText(X509_get_subject_name(c.get())));
    return out;
}

}  // namespace precinct::identity
