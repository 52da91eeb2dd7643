#include "pki/openssl_util.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <array>
#include <climits>
#include <map>
#include <mutex>

namespace precinct::identity::pki {

std::string DrainOpenSslErrors() {
    std::string first;
    while (const unsigned long code = ERR_get_error()) {
        if (first.empty()) {
            std::array<char, 256> text{};
            ERR_error_string_n(code, text.data(), text.size());
            first = text.data();
        }
    }
    return first;
}

X509Ptr ParseCertificateDer(ByteView der) {
    if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) return nullptr;
    const unsigned char* p = der.data();
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert || p != der.data() + der.size()) {
        DrainOpenSslErrors();
        return nullptr;
    }
    return cert;
}

X509Ptr CachedCertificate(ByteView der) {
    // Never destroyed: freeing certificates after OpenSSL's own exit handler has run is not safe.
    static std::mutex mutex;
    static auto& cache = *new std::map<Bytes, X509Ptr>;
    const Bytes key(der.begin(), der.end());
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = cache.find(key);
        if (it != cache.end() && X509_up_ref(it->second.get()) == 1) return X509Ptr(it->second.get());
    }
    X509Ptr cert = ParseCertificateDer(der);
    if (!cert) return nullptr;
    // Extensions are cached inside the certificate on first use; do it now, before it is shared.
    X509_check_ca(cert.get());
    std::lock_guard<std::mutex> lock(mutex);
    if (cache.find(key) == cache.end() && X509_up_ref(cert.get()) == 1) {
        if (cache.size() >= kCertificateCacheSize) cache.clear();
        cache.emplace(key, X509Ptr(cert.get()));
    }
    return cert;
}

Bytes CertificateDer(const X509* cert) {
    unsigned char* out = nullptr;
    const int n = i2d_X509(cert, &out);
    if (n <= 0) return {};
    Bytes der(out, out + n);
    OPENSSL_free(out);
    return der;
}

namespace {

// Keeps valid UTF-8 and replaces every byte of an invalid sequence by '?'.
std::string SanitizeUtf8(const std::string& in) {
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        std::size_t n = 0;
        if (c < 0x80) {
            n = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
        }
        bool ok = n != 0 && i + n <= in.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
        if (ok && n == 3) {
            const auto c1 = static_cast<unsigned char>(in[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && n == 4) {
            const auto c1 = static_cast<unsigned char>(in[i + 1]);
            ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (ok) {
            out.append(in, i, n);
            i += n;
        } else {
            out.push_back('?');
            ++i;
        }
    }
    return out;
}

std::string ReadAll(BIO* bio) {
    std::string text;
    std::array<char, 512> chunk{};
    for (;;) {
        const int n = BIO_read(bio, chunk.data(), static_cast<int>(chunk.size()));
        if (n <= 0) break;
        text.append(chunk.data(), static_cast<std::size_t>(n));
    }
    return text;
}

}  // namespace

std::string NameText(const X509_NAME* name) {
    if (name == nullptr) return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio) return {};
    const unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
    if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
        DrainOpenSslErrors();
        return "(unprintable name)";
    }
    return SanitizeUtf8(ReadAll(bio.get()));
}

std::string SerialHex(const ASN1_INTEGER* serial) {
    if (serial == nullptr) return {};
    BignumPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
    if (!bn) return {};
    if (BN_is_zero(bn.get())) return "00";
    char* hex = BN_bn2hex(bn.get());
    if (hex == nullptr) return {};
    std::string out(hex);
    OPENSSL_free(hex);
    return out;
}

std::optional<std::chrono::system_clock::time_point> ToTimePoint(const ASN1_TIME* t) {
    if (t == nullptr) return std::nullopt;
    struct tm tm {};
    if (ASN1_TIME_to_tm(t, &tm) != 1) {
        DrainOpenSslErrors();
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day ymd{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                             day{static_cast<unsigned>(tm.tm_mday)}};
    if (!ymd.ok()) return std::nullopt;
    const auto when = sys_days{ymd} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
    // The clock counts nanoseconds, which reach only the years 1677 to 2262; X.509 times go from 0000 to 9999
    // (a "no expiry" certificate says 9999-12-31). Times beyond the clock's range saturate at its ends.
    constexpr auto kMax = floor<seconds>(system_clock::time_point::max());
    constexpr auto kMin = ceil<seconds>(system_clock::time_point::min());
    if (when >= kMax) return system_clock::time_point::max();
    if (when <= kMin) return system_clock::time_point::min();
    return time_point_cast<system_clock::duration>(when);
}

time_t ToTimeT(std::chrono::system_clock::time_point t) { return std::chrono::system_clock::to_time_t(t); }

const EVP_MD* DigestByName(std::string_view name) {
    if (name == "SHA-1") return EVP_sha1();
    if (name == "SHA-224") return EVP_sha224();
    if (name == "SHA-256") return EVP_sha256();
    if (name == "SHA-384") return EVP_sha384();
    if (name == "SHA-512") return EVP_sha512();
    return nullptr;
}

std::string OidText(const ASN1_OBJECT* obj) {
    if (obj == nullptr) return {};
    std::array<char, 128> text{};
    const int n = OBJ_obj2txt(text.data(), static_cast<int>(text.size()), obj, 1);
    if (n <= 0) return {};
    if (static_cast<std::size_t>(n) >= text.size()) return "(OID too long)";
    return std::string(text.data(), static_cast<std::size_t>(n));
}

}  // namespace precinct::identity::pki
