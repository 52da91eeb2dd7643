#pragma once
// RAII owners and small helpers for the OpenSSL objects of the pki part. Internal to the part.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity::pki {

template <auto Free>
struct Deleter {
    template <class T>
    void operator()(T* p) const {
        if (p != nullptr) Free(p);
    }
};

using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using X509CrlPtr = std::unique_ptr<X509_CRL, Deleter<X509_CRL_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using X509StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT_free>>;
using Asn1TimePtr = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;

// Owns a STACK_OF(X509) and the certificates in it.
struct X509StackDeleter {
    void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

// Empties the calling thread's OpenSSL error queue and returns its first entry's text ("" when empty).
std::string DrainOpenSslErrors();

// Parses one DER certificate that exactly fills `der`; nullptr otherwise.
X509Ptr ParseCertificateDer(ByteView der);
// The same, memoized process-wide by the DER: OpenSSL 3.0 spends about 0.2 ms decoding a certificate's public
// key, and the same document signer certificate comes with every document it signed. Thread-safe; holds at most
// kCertificateCacheSize certificates (emptied when full). The certificate is shared: never modify it.
inline constexpr std::size_t kCertificateCacheSize = 4096;
X509Ptr CachedCertificate(ByteView der);
Bytes CertificateDer(const X509* cert);

// RFC 2253 form of a name, UTF-8 (invalid sequences replaced by '?', control characters escaped).
std::string NameText(const X509_NAME* name);
// Upper-case hex of a serial number ("00" for zero; "-" prefixed when negative).
std::string SerialHex(const ASN1_INTEGER* serial);
// An ASN1_TIME (UTCTime or GeneralizedTime) as a time point; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> ToTimePoint(const ASN1_TIME* t);
// Seconds since the epoch for X509_VERIFY_PARAM_set_time / X509_cmp_time.
time_t ToTimeT(std::chrono::system_clock::time_point t);

// The EVP digest for "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"; nullptr for others.
const EVP_MD* DigestByName(std::string_view name);
// The dotted OID of an ASN1_OBJECT.
std::string OidText(const ASN1_OBJECT* obj);

}  // namespace precinct::identity::pki
