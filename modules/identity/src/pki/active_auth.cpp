#include "precinct/identity/active_auth.hpp"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <array>
#include <climits>

#include "pki/openssl_util.hpp"
#include "precinct/identity/sod.hpp"

namespace precinct::identity {

namespace {

struct HashInfo {
    AaHash hash;
    std::string_view name;        // "SHA-256"
    std::string_view short_name;  // "SHA256", for protocol names
    std::uint8_t iso10118_id;     // ISO/IEC 10118-3 hash function identifier (9796-2 trailer)
    std::string_view ecdsa_oid;
    std::string_view ecdsa_plain_oid;  // BSI TR-03111 ecdsa-plain-signatures
};

constexpr HashInfo kHashes[] = {
    {AaHash::kSha1, "SHA-1", "SHA1", 0x33, "1.2.840.10045.4.1", "0.4.0.127.0.7.1.1.4.1.1"},
    {AaHash::kSha224, "SHA-224", "SHA224", 0x38, "1.2.840.10045.4.3.1", "0.4.0.127.0.7.1.1.4.1.2"},
    {AaHash::kSha256, "SHA-256", "SHA256", 0x34, "1.2.840.10045.4.3.2", "0.4.0.127.0.7.1.1.4.1.3"},
    {AaHash::kSha384, "SHA-384", "SHA384", 0x36, "1.2.840.10045.4.3.3", "0.4.0.127.0.7.1.1.4.1.4"},
    {AaHash::kSha512, "SHA-512", "SHA512", 0x35, "1.2.840.10045.4.3.4", "0.4.0.127.0.7.1.1.4.1.5"},
};

constexpr std::uint8_t kHeader = 0x6A;           // ISO/IEC 9796-2 scheme 1, partial recovery
constexpr std::uint8_t kTrailerSha1 = 0xBC;      // implicit SHA-1
constexpr std::uint8_t kTrailerExplicit = 0xCC;  // preceded by the hash identifier

const HashInfo& Info(AaHash hash) {
    for (const auto& h : kHashes) {
        if (h.hash == hash) return h;
    }
    return kHashes[0];
}

const HashInfo* InfoByIsoId(std::uint8_t id) {
    for (const auto& h : kHashes) {
        if (h.iso10118_id == id) return &h;
    }
    return nullptr;
}

tl::unexpected<Error> Invalid(const std::string& message) {
    return Fail(ErrorCode::kInvalidArgument, "active authentication: " + message);
}

Result<pki::EvpPkeyPtr> DecodePublicKey(ByteView spki) {
    if (spki.empty() || spki.size() > 16384) return Invalid("the public key is empty or larger than 16 KiB");
    const unsigned char* p = spki.data();
    pki::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
    if (!key) return Invalid("the SubjectPublicKeyInfo does not decode (" + pki::DrainOpenSslErrors() + ")");
    if (p != spki.data() + spki.size()) return Invalid("bytes after the SubjectPublicKeyInfo");
    const int type = EVP_PKEY_get_base_id(key.get());
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) return Invalid("the key is neither RSA nor EC");
    return key;
}

AaPublicKeyInfo Describe(EVP_PKEY* key) {
    AaPublicKeyInfo info;
    info.key_type = EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA ? "RSA" : "EC";
    info.bits = EVP_PKEY_get_bits(key);
    if (info.key_type == "EC") {
        std::array<char, 80> name{};
        std::size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name.data(), name.size(), &length) == 1) {
            info.curve.assign(name.data(), length);
        }
        pki::DrainOpenSslErrors();
    }
    return info;
}

std::size_t HashSize(const HashInfo& h) { return static_cast<std::size_t>(EVP_MD_get_size(pki::DigestByName(h.name))); }

// H(a || b); empty when the digest fails.
Bytes Hash(const HashInfo& h, ByteView a, ByteView b) {
    const EVP_MD* md = pki::DigestByName(h.name);
    pki::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned int n = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), a.data(), a.size()) != 1 || EVP_DigestUpdate(ctx.get(), b.data(), b.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), out.data(), &n) != 1) {
        pki::DrainOpenSslErrors();
        return {};
    }
    return out;
}

// n - value, as many bytes as `value` (ISO/IEC 9796-2 allows the signer to return min(s, n - s)).
Bytes ModulusMinus(EVP_PKEY* key, ByteView value) {
    BIGNUM* n_raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n_raw) != 1) return {};
    pki::BignumPtr n(n_raw);
    pki::BignumPtr v(BN_bin2bn(value.data(), static_cast<int>(value.size()), nullptr));
    pki::BignumPtr diff(BN_new());
    if (!v || !diff || BN_sub(diff.get(), n.get(), v.get()) != 1 || BN_is_negative(diff.get())) return {};
    Bytes out(value.size());
    if (BN_bn2binpad(diff.get(), out.data(), static_cast<int>(out.size())) < 0) return {};
    return out;
}

// Checks a recovered block F = 0x6A || M1 || H(M1 || challenge) || trailer. Empty when it verifies, else why not.
std::string CheckRecovered(ByteView f, ByteView challenge, const HashInfo*& used) {
    if (f.size() < 2) return "recovered block too short";
    std::size_t trailer = 0;
    if (f.back() == kTrailerSha1) {
        trailer = 1;
        used = &Info(AaHash::kSha1);
    } else if (f.back() == kTrailerExplicit) {
        trailer = 2;
        used = InfoByIsoId(f[f.size() - 2]);
        if (used == nullptr) return fmt::format("trailer names unknown hash identifier {:02X}", f[f.size() - 2]);
    } else {
        return fmt::format("recovered block ends in {:02X}, not trailer BC or CC", f.back());
    }
    if (f[0] != kHeader) return fmt::format("recovered block starts with {:02X}, not header 6A", f[0]);
    const std::size_t hash_len = HashSize(*used);
    if (f.size() < 1 + hash_len + trailer + 1) return "recovered block too short for the hash";
    const ByteView m1 = f.subspan(1, f.size() - 1 - hash_len - trailer);
    const ByteView listed = f.subspan(f.size() - trailer - hash_len, hash_len);
    const Bytes expected = Hash(*used, m1, challenge);
    if (!ConstantTimeEqual(expected, listed)) return fmt::format("{} of M1 || challenge differs", used->name);
    return {};
}

ActiveAuthOutcome VerifyRsa(EVP_PKEY* key, ByteView challenge, ByteView signature) {
    ActiveAuthOutcome out;
    out.key = Describe(key);
    out.protocol = "AA-RSA-ISO9796-2";
    const auto k = static_cast<std::size_t>(EVP_PKEY_get_size(key));
    if (signature.size() != k) {
        out.detail = fmt::format("signature has {} bytes, the RSA-{} key needs {}", signature.size(), out.key.bits, k);
        return out;
    }
    pki::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
    Bytes recovered(k);
    std::size_t recovered_len = recovered.size();
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_verify_recover(ctx.get(), recovered.data(), &recovered_len, signature.data(), signature.size()) != 1) {
        out.detail = "RSA public operation refused the signature (" + pki::DrainOpenSslErrors() + ")";
        return out;
    }
    recovered.resize(recovered_len);
    if (recovered.size() < k) recovered.insert(recovered.begin(), k - recovered.size(), 0);
    const HashInfo* used = nullptr;
    std::string problem = CheckRecovered(recovered, challenge, used);
    if (!problem.empty() && (recovered.back() & 0x0F) != 0x0C) {
        const Bytes alternative = ModulusMinus(key, recovered);
        const HashInfo* alt_used = nullptr;
        if (!alternative.empty() && CheckRecovered(alternative, challenge, alt_used).empty()) {
            problem.clear();
            used = alt_used;
        }
    }
    if (used != nullptr) out.protocol = fmt::format("AA-RSA-ISO9796-2-{}", used->short_name);
    if (!problem.empty()) {
        out.detail =
            fmt::format("ISO/IEC 9796-2 signature by the DG15 RSA-{} key does not verify: {}", out.key.bits, problem);
        return out;
    }
    out.verified = true;
    out.detail = fmt::format("ISO/IEC 9796-2 signature ({}) by the DG15 RSA-{} key over the challenge verifies",
                             used->name, out.key.bits);
    return out;
}

// Plain r || s (or, leniently, DER) as the DER ECDSA-Sig-Value OpenSSL verifies; empty when neither.
Bytes EcdsaDer(ByteView signature, std::size_t order_bytes, bool& was_der) {
    was_der = false;
    if (signature.size() == 2 * order_bytes) {
        pki::BignumPtr r(BN_bin2bn(signature.data(), static_cast<int>(order_bytes), nullptr));
        pki::BignumPtr s(BN_bin2bn(signature.data() + order_bytes, static_cast<int>(order_bytes), nullptr));
        std::unique_ptr<ECDSA_SIG, pki::Deleter<ECDSA_SIG_free>> sig(ECDSA_SIG_new());
        if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return {};
        (void)r.release();
        (void)s.release();
        unsigned char* der = nullptr;
        const int n = i2d_ECDSA_SIG(sig.get(), &der);
        if (n <= 0) return {};
        Bytes out(der, der + n);
        OPENSSL_free(der);
        return out;
    }
    if (!signature.empty() && signature[0] == 0x30) {
        const unsigned char* p = signature.data();
        std::unique_ptr<ECDSA_SIG, pki::Deleter<ECDSA_SIG_free>> sig(
            d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(signature.size())));
        if (sig && p == signature.data() + signature.size()) {
            was_der = true;
            return Bytes(signature.begin(), signature.end());
        }
    }
    pki::DrainOpenSslErrors();
    return {};
}

ActiveAuthOutcome VerifyEcdsa(EVP_PKEY* key, const HashInfo& h, ByteView challenge, ByteView signature) {
    ActiveAuthOutcome out;
    out.key = Describe(key);
    out.protocol = fmt::format("AA-ECDSA-{}", h.short_name);
    const auto order_bytes = static_cast<std::size_t>((out.key.bits + 7) / 8);
    bool was_der = false;
    const Bytes der = EcdsaDer(signature, order_bytes, was_der);
    if (der.empty()) {
        out.detail = fmt::format("signature has {} bytes, a plain ECDSA signature on this {}-bit curve has {}",
                                 signature.size(), out.key.bits, 2 * order_bytes);
        return out;
    }
    pki::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, pki::DigestByName(h.name), nullptr, key) == 1 &&
                    EVP_DigestVerify(ctx.get(), der.data(), der.size(), challenge.data(), challenge.size()) == 1;
    pki::DrainOpenSslErrors();
    const std::string curve = out.key.curve.empty() ? fmt::format("{}-bit EC", out.key.bits) : out.key.curve;
    if (!ok) {
        out.detail =
            fmt::format("ECDSA ({}) signature by the DG15 {} key over the challenge does not verify", h.name, curve);
        return out;
    }
    out.verified = true;
    out.detail = fmt::format("ECDSA ({}) signature by the DG15 {} key over the challenge verifies{}", h.name, curve,
                             was_der ? " (DER-encoded, where Doc 9303 asks for plain r || s)" : "");
    return out;
}

pki::EvpPkeyPtr Generate(const char* algorithm, int rsa_bits, std::string_view curve) {
    pki::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) return nullptr;
    if (rsa_bits > 0 && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), rsa_bits) != 1) return nullptr;
    if (!curve.empty() && EVP_PKEY_CTX_set_group_name(ctx.get(), std::string(curve).c_str()) != 1) return nullptr;
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) != 1) return nullptr;
    return pki::EvpPkeyPtr(key);
}

std::shared_ptr<evp_pkey_st> Share(pki::EvpPkeyPtr key) {
    return std::shared_ptr<evp_pkey_st>(key.release(), [](evp_pkey_st* k) { EVP_PKEY_free(k); });
}

}  // namespace

std::string_view AaHashName(AaHash hash) { return Info(hash).name; }

std::string_view EcdsaOidForHash(AaHash hash) { return Info(hash).ecdsa_oid; }

std::optional<AaHash> AaHashFromEcdsaOid(std::string_view oid) {
    for (const auto& h : kHashes) {
        if (h.ecdsa_oid == oid || h.ecdsa_plain_oid == oid) return h.hash;
    }
    return std::nullopt;
}

Result<AaPublicKeyInfo> DescribeAaPublicKey(ByteView spki_der) {
    auto key = DecodePublicKey(spki_der);
    if (!key) return Fail(key.error());
    return Describe(key->get());
}

Result<ActiveAuthOutcome> VerifyActiveAuthentication(ByteView dg15_spki_der, ByteView challenge8, ByteView signature,
                                                     std::optional<std::string> ecdsa_hash_oid) {
    if (challenge8.size() != kAaChallengeBytes) {
        return Invalid(fmt::format("the challenge has {} bytes, expected {}", challenge8.size(), kAaChallengeBytes));
    }
    auto key = DecodePublicKey(dg15_spki_der);
    if (!key) return Fail(key.error());
    if (signature.size() > 1024) {
        ActiveAuthOutcome out;
        out.key = Describe(key->get());
        out.protocol = out.key.key_type == "RSA" ? "AA-RSA-ISO9796-2" : "AA-ECDSA";
        out.detail = fmt::format("signature has {} bytes, more than any supported key produces", signature.size());
        return out;
    }
    if (EVP_PKEY_get_base_id(key->get()) == EVP_PKEY_RSA) {
        return VerifyRsa(key->get(), challenge8, signature);
    }
    if (!ecdsa_hash_oid) {
        return Invalid("an EC key needs the signature algorithm of DG14's ActiveAuthenticationInfo");
    }
    const auto hash = AaHashFromEcdsaOid(*ecdsa_hash_oid);
    if (!hash) return Invalid(fmt::format("unknown ECDSA signature algorithm {}", *ecdsa_hash_oid));
    return VerifyEcdsa(key->get(), Info(*hash), challenge8, signature);
}

Result<AaPrivateKey> AaPrivateKey::GenerateRsa(int bits) {
    if (bits < 1024 || bits > 4096 || bits % 8 != 0) {
        return Invalid(fmt::format("RSA key size {} is not a multiple of 8 in 1024-4096", bits));
    }
    pki::EvpPkeyPtr key = Generate("RSA", bits, {});
    if (!key) return Fail(ErrorCode::kInternal, "RSA key generation failed: " + pki::DrainOpenSslErrors());
    return AaPrivateKey(Share(std::move(key)));
}

Result<AaPrivateKey> AaPrivateKey::GenerateEc(std::string_view curve) {
    pki::EvpPkeyPtr key = Generate("EC", 0, curve);
    if (!key)
        return Invalid(fmt::format("EC key generation on curve {} failed ({})", curve, pki::DrainOpenSslErrors()));
    return AaPrivateKey(Share(std::move(key)));
}

Result<AaPrivateKey> AaPrivateKey::FromPkcs8Der(ByteView der) {
    if (der.empty() || der.size() > 16384) return Invalid("the PKCS#8 key is empty or larger than 16 KiB");
    const unsigned char* p = der.data();
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, pki::Deleter<PKCS8_PRIV_KEY_INFO_free>> info(
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(der.size())));
    if (!info || p != der.data() + der.size()) {
        return Invalid("not an unencrypted PKCS#8 PrivateKeyInfo (" + pki::DrainOpenSslErrors() + ")");
    }
    pki::EvpPkeyPtr key(EVP_PKCS82PKEY(info.get()));
    if (!key) return Invalid("the PKCS#8 key does not decode (" + pki::DrainOpenSslErrors() + ")");
    const int type = EVP_PKEY_get_base_id(key.get());
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) return Invalid("the key is neither RSA nor EC");
    if (type == EVP_PKEY_RSA && EVP_PKEY_get_bits(key.get()) % 8 != 0) {
        return Invalid("the RSA modulus length is not a multiple of 8 bits");
    }
    return AaPrivateKey(Share(std::move(key)));
}

bool AaPrivateKey::is_rsa() const { return key_ && EVP_PKEY_get_base_id(key_.get()) == EVP_PKEY_RSA; }

Bytes AaPrivateKey::SubjectPublicKeyInfoDer() const {
    if (!key_) return {};
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key_.get(), &der);
    if (n <= 0) return {};
    Bytes out(der, der + n);
    OPENSSL_free(der);
    return out;
}

Bytes AaPrivateKey::Pkcs8Der() const {
    if (!key_) return {};
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, pki::Deleter<PKCS8_PRIV_KEY_INFO_free>> info(EVP_PKEY2PKCS8(key_.get()));
    if (!info) return {};
    unsigned char* der = nullptr;
    const int n = i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der);
    if (n <= 0) return {};
    Bytes out(der, der + n);
    OPENSSL_clear_free(der, static_cast<std::size_t>(n));
    return out;
}

Result<Bytes> SignActiveAuthentication(const AaPrivateKey& key, ByteView challenge, AaHash hash) {
    if (challenge.size() != kAaChallengeBytes) {
        return Invalid(fmt::format("the challenge has {} bytes, expected {}", challenge.size(), kAaChallengeBytes));
    }
    EVP_PKEY* pkey = key.key_.get();
    if (pkey == nullptr) return Invalid("no private key");
    const HashInfo& h = Info(hash);
    if (key.is_rsa()) {
        const auto k = static_cast<std::size_t>(EVP_PKEY_get_size(pkey));
        const std::size_t hash_len = HashSize(h);
        const std::size_t trailer = hash == AaHash::kSha1 ? 1 : 2;
        if (k < 1 + hash_len + trailer + 8) return Invalid("the RSA key is too small for this hash");
        Bytes m1(k - 1 - hash_len - trailer);
        if (RAND_bytes(m1.data(), static_cast<int>(m1.size())) != 1) {
            return Fail(ErrorCode::kInternal, "RAND_bytes failed: " + pki::DrainOpenSslErrors());
        }
        Bytes f{kHeader};
        f.insert(f.end(), m1.begin(), m1.end());
        const Bytes digest = Hash(h, m1, challenge);
        f.insert(f.end(), digest.begin(), digest.end());
        if (trailer == 2) f.push_back(h.iso10118_id);
        f.push_back(trailer == 1 ? kTrailerSha1 : kTrailerExplicit);
        pki::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(pkey, nullptr));
        Bytes signature(k);
        std::size_t length = signature.size();
        if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
            EVP_PKEY_sign(ctx.get(), signature.data(), &length, f.data(), f.size()) != 1) {
            return Fail(ErrorCode::kInternal, "RSA private operation failed: " + pki::DrainOpenSslErrors());
        }
        signature.resize(length);
        if (signature.size() < k) signature.insert(signature.begin(), k - signature.size(), 0);
        return signature;
    }
    pki::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    std::size_t der_len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, pki::DigestByName(h.name), nullptr, pkey) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &der_len, challenge.data(), challenge.size()) != 1) {
        return Fail(ErrorCode::kInternal, "ECDSA signing failed: " + pki::DrainOpenSslErrors());
    }
    Bytes der(der_len);
    if (EVP_DigestSign(ctx.get(), der.data(), &der_len, challenge.data(), challenge.size()) != 1) {
        return Fail(ErrorCode::kInternal, "ECDSA signing failed: " + pki::DrainOpenSslErrors());
    }
    const unsigned char* p = der.data();
    std::unique_ptr<ECDSA_SIG, pki::Deleter<ECDSA_SIG_free>> sig(
        d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
    if (!sig) return Fail(ErrorCode::kInternal, "ECDSA signature does not decode: " + pki::DrainOpenSslErrors());
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    const int order_bytes = (EVP_PKEY_get_bits(pkey) + 7) / 8;
    Bytes plain(2 * static_cast<std::size_t>(order_bytes));
    if (BN_bn2binpad(r, plain.data(), order_bytes) < 0 ||
        BN_bn2binpad(s, plain.data() + order_bytes, order_bytes) < 0) {
        return Fail(ErrorCode::kInternal, "ECDSA signature does not fit the curve order");
    }
    return plain;
}

}  // namespace precinct::identity
