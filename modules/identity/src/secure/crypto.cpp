#include "precinct/identity/crypto.hpp"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <bit>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <string>

#include "secure/openssl_ptr.hpp"

namespace precinct::identity {

namespace secure {

std::string DrainOpenSslErrors() {
    std::string first;
    unsigned long code = 0;  // the OpenSSL error type
    while ((code = ERR_get_error()) != 0) {
        if (first.empty()) {
            char buf[256];
            ERR_error_string_n(code, buf, sizeof(buf));
            first = buf;
        }
    }
    return first;
}

}  // namespace secure

namespace {

using secure::CipherCtxPtr;
using secure::MacCtxPtr;
using secure::MacPtr;

constexpr std::size_t kDesBlock = 8;
constexpr std::size_t kAesBlock = 16;
// The largest input the cipher helpers take in one call (EVP lengths are int).
constexpr std::size_t kMaxCipherInput = 1u << 24;

tl::unexpected<Error> OpenSslFailure(std::string_view what) {
    return Fail(ErrorCode::kInternal, fmt::format("{}: OpenSSL failed ({})", what, secure::DrainOpenSslErrors()));
}

// Runs `cipher` without padding over `data` (a whole number of blocks, checked by the callers).
Result<Bytes> RunCipher(const EVP_CIPHER* cipher, ByteView key, ByteView iv, ByteView data, bool encrypt,
                        std::string_view what) {
    if (data.size() > kMaxCipherInput) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: data longer than {} bytes", what, kMaxCipherInput));
    }
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), iv.empty() ? nullptr : iv.data(), encrypt ? 1 : 0,
                                   nullptr) != 1) {
        return OpenSslFailure(what);
    }
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    Bytes out(data.size() + kAesBlock);
    int len = 0;
    int final_len = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &len, data.data(), static_cast<int>(data.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), out.data() + len, &final_len) != 1) {
        return OpenSslFailure(what);
    }
    out.resize(static_cast<std::size_t>(len) + static_cast<std::size_t>(final_len));
    return out;
}

Status CheckBlocks(ByteView data, std::size_t block, std::string_view what) {
    if (data.size() % block != 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: data length {} is not a multiple of {}", what, data.size(), block));
    }
    return Ok();
}

Result<const EVP_CIPHER*> TripleDesCipher(ByteView key, bool cbc, std::string_view what) {
    if (key.size() == 16) return cbc ? EVP_des_ede_cbc() : EVP_des_ede_ecb();
    if (key.size() == 24) return cbc ? EVP_des_ede3_cbc() : EVP_des_ede3_ecb();
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: 3DES key of {} bytes (16 or 24)", what, key.size()));
}

Result<const EVP_CIPHER*> AesCipher(ByteView key, bool cbc, std::string_view what) {
    switch (key.size()) {
        case 16: return cbc ? EVP_aes_128_cbc() : EVP_aes_128_ecb();
        case 24: return cbc ? EVP_aes_192_cbc() : EVP_aes_192_ecb();
        case 32: return cbc ? EVP_aes_256_cbc() : EVP_aes_256_ecb();
        default: break;
    }
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: AES key of {} bytes (16, 24 or 32)", what, key.size()));
}

Result<Bytes> TripleDesCbc(ByteView key, ByteView iv, ByteView data, bool encrypt) {
    const std::string_view what = encrypt ? "3DES-CBC encryption" : "3DES-CBC decryption";
    auto cipher = TripleDesCipher(key, true, what);
    if (!cipher) return Fail(cipher.error());
    if (iv.size() != kDesBlock) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: IV of {} bytes (8)", what, iv.size()));
    }
    if (auto s = CheckBlocks(data, kDesBlock, what); !s) return Fail(s.error());
    return RunCipher(*cipher, key, iv, data, encrypt, what);
}

Result<Bytes> AesCbc(ByteView key, ByteView iv, ByteView data, bool encrypt) {
    const std::string_view what = encrypt ? "AES-CBC encryption" : "AES-CBC decryption";
    auto cipher = AesCipher(key, true, what);
    if (!cipher) return Fail(cipher.error());
    if (iv.size() != kAesBlock) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: IV of {} bytes (16)", what, iv.size()));
    }
    if (auto s = CheckBlocks(data, kAesBlock, what); !s) return Fail(s.error());
    return RunCipher(*cipher, key, iv, data, encrypt, what);
}

const EVP_MAC* CmacAlgorithm() {
    static const MacPtr kCmac(EVP_MAC_fetch(nullptr, "CMAC", nullptr));
    return kCmac.get();
}

const EVP_MD* DigestOf(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::kSha1: return EVP_sha1();
        case HashAlgorithm::kSha224: return EVP_sha224();
        case HashAlgorithm::kSha256: return EVP_sha256();
        case HashAlgorithm::kSha384: return EVP_sha384();
        case HashAlgorithm::kSha512: return EVP_sha512();
    }
    return EVP_sha256();
}

}  // namespace

std::size_t BlockSize(SmCipher cipher) { return cipher == SmCipher::kTripleDes ? kDesBlock : kAesBlock; }

std::string_view SmCipherName(SmCipher cipher) { return cipher == SmCipher::kTripleDes ? "3DES" : "AES"; }

Result<Bytes> TripleDesCbcEncrypt(ByteView key, ByteView iv, ByteView data) {
    return TripleDesCbc(key, iv, data, true);
}
Result<Bytes> TripleDesCbcDecrypt(ByteView key, ByteView iv, ByteView data) {
    return TripleDesCbc(key, iv, data, false);
}
Result<Bytes> AesCbcEncrypt(ByteView key, ByteView iv, ByteView data) { return AesCbc(key, iv, data, true); }
Result<Bytes> AesCbcDecrypt(ByteView key, ByteView iv, ByteView data) { return AesCbc(key, iv, data, false); }

Result<Bytes> AesEcbEncryptBlock(ByteView key, ByteView block) {
    constexpr std::string_view kWhat = "AES-ECB encryption";
    auto cipher = AesCipher(key, false, kWhat);
    if (!cipher) return Fail(cipher.error());
    if (block.size() != kAesBlock) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: block of {} bytes (16)", kWhat, block.size()));
    }
    return RunCipher(*cipher, key, {}, block, true, kWhat);
}

Result<Bytes> CbcEncrypt(SmCipher cipher, ByteView key, ByteView iv, ByteView data) {
    return cipher == SmCipher::kTripleDes ? TripleDesCbcEncrypt(key, iv, data) : AesCbcEncrypt(key, iv, data);
}

Result<Bytes> CbcDecrypt(SmCipher cipher, ByteView key, ByteView iv, ByteView data) {
    return cipher == SmCipher::kTripleDes ? TripleDesCbcDecrypt(key, iv, data) : AesCbcDecrypt(key, iv, data);
}

Bytes PadIso9797Method2(ByteView data, std::size_t block_size) {
    Bytes out(data.begin(), data.end());
    out.push_back(0x80);
    while (out.size() % block_size != 0) out.push_back(0x00);
    return out;
}

Result<Bytes> UnpadIso9797Method2(ByteView data, std::size_t block_size) {
    if (data.empty() || data.size() % block_size != 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("padding: {} bytes is not a whole number of {}-byte blocks", data.size(), block_size));
    }
    std::size_t i = data.size();
    const std::size_t block_start = data.size() - block_size;
    while (i > block_start && data[i - 1] == 0x00) --i;
    if (i == block_start || data[i - 1] != 0x80) {
        return Fail(ErrorCode::kInvalidArgument, "padding: the last block does not end in 80 00 .. 00");
    }
    return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(i - 1));
}

Result<Bytes> RetailMac(ByteView key, ByteView data) {
    constexpr std::string_view kWhat = "retail MAC";
    if (key.size() != 16) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: key of {} bytes (16)", kWhat, key.size()));
    }
    if (data.empty() || data.size() % kDesBlock != 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: data of {} bytes is not padded to 8-byte blocks", kWhat, data.size()));
    }
    // Single DES under K1 is 3DES-EDE under K1 || K1 (single DES itself sits in OpenSSL 3's legacy provider).
    const Bytes k1k1 = Concat({key.first(8), key.first(8)});
    Bytes h(kDesBlock, 0x00);
    if (data.size() > kDesBlock) {
        auto chained = RunCipher(EVP_des_ede_cbc(), k1k1, h, data.first(data.size() - kDesBlock), true, kWhat);
        if (!chained) return chained;
        h.assign(chained->end() - kDesBlock, chained->end());
    }
    // The last block: E_K1(D_K2(E_K1(h xor block))) is 2-key 3DES-CBC with IV h.
    return RunCipher(EVP_des_ede_cbc(), key, h, data.last(kDesBlock), true, kWhat);
}

Result<Bytes> AesCmac(ByteView key, ByteView data) {
    constexpr std::string_view kWhat = "AES-CMAC";
    const char* cipher_name = nullptr;
    switch (key.size()) {
        case 16: cipher_name = "AES-128-CBC"; break;
        case 24: cipher_name = "AES-192-CBC"; break;
        case 32: cipher_name = "AES-256-CBC"; break;
        default:
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: key of {} bytes (16, 24 or 32)", kWhat, key.size()));
    }
    const EVP_MAC* mac = CmacAlgorithm();
    if (mac == nullptr) return OpenSslFailure(kWhat);
    MacCtxPtr ctx(EVP_MAC_CTX_new(const_cast<EVP_MAC*>(mac)));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, const_cast<char*>(cipher_name), 0),
        OSSL_PARAM_construct_end(),
    };
    Bytes out(kAesBlock);
    std::size_t out_len = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
        EVP_MAC_final(ctx.get(), out.data(), &out_len, out.size()) != 1) {
        return OpenSslFailure(kWhat);
    }
    out.resize(out_len);
    return out;
}

Result<Bytes> Mac8(SmCipher cipher, ByteView key, ByteView data) {
    if (cipher == SmCipher::kTripleDes) return RetailMac(key, data);
    auto mac = AesCmac(key, data);
    if (mac) mac->resize(8);
    return mac;
}

Result<HashAlgorithm> HashAlgorithmFromName(std::string_view name) {
    std::string n;
    for (char c : name) {
        if (c != '-') n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (n == "SHA1") return HashAlgorithm::kSha1;
    if (n == "SHA224") return HashAlgorithm::kSha224;
    if (n == "SHA256") return HashAlgorithm::kSha256;
    if (n == "SHA384") return HashAlgorithm::kSha384;
    if (n == "SHA512") return HashAlgorithm::kSha512;
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("hash algorithm '{}': not one of SHA-1, SHA-224, SHA-256, SHA-384, SHA-512", name));
}

std::string_view HashAlgorithmName(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::kSha1: return "SHA-1";
        case HashAlgorithm::kSha224: return "SHA-224";
        case HashAlgorithm::kSha256: return "SHA-256";
        case HashAlgorithm::kSha384: return "SHA-384";
        case HashAlgorithm::kSha512: return "SHA-512";
    }
    return "SHA-256";
}

Bytes Digest(HashAlgorithm algorithm, ByteView data) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, DigestOf(algorithm), nullptr) != 1) {
        // Only a broken OpenSSL installation gets here: the built-in digests cannot fail on memory input.
        std::abort();
    }
    out.resize(len);
    return out;
}

Result<Bytes> Digest(std::string_view algorithm_name, ByteView data) {
    auto algorithm = HashAlgorithmFromName(algorithm_name);
    if (!algorithm) return Fail(algorithm.error());
    return Digest(*algorithm, data);
}

Bytes Sha1(ByteView data) { return Digest(HashAlgorithm::kSha1, data); }

void AdjustDesParity(Bytes& key) {
    for (auto& b : key) {
        const int ones = std::popcount(static_cast<unsigned>(b & 0xFE));
        b = static_cast<std::uint8_t>((b & 0xFE) | (ones % 2 == 0 ? 1 : 0));
    }
}

std::size_t KdfKeyLength(KdfKeyType type) {
    switch (type) {
        case KdfKeyType::kTripleDes:
        case KdfKeyType::kAes128: return 16;
        case KdfKeyType::kAes192: return 24;
        case KdfKeyType::kAes256: return 32;
    }
    return 16;
}

SmCipher KdfCipher(KdfKeyType type) { return type == KdfKeyType::kTripleDes ? SmCipher::kTripleDes : SmCipher::kAes; }

Bytes DeriveKey(ByteView shared_secret, KdfPurpose purpose, KdfKeyType type) {
    Bytes input(shared_secret.begin(), shared_secret.end());
    const auto counter = static_cast<std::uint32_t>(purpose);
    for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<std::uint8_t>(counter >> shift));
    const bool sha1 = type == KdfKeyType::kTripleDes || type == KdfKeyType::kAes128;
    Bytes key = Digest(sha1 ? HashAlgorithm::kSha1 : HashAlgorithm::kSha256, input);
    key.resize(KdfKeyLength(type));
    if (type == KdfKeyType::kTripleDes) AdjustDesParity(key);
    return key;
}

Bytes Derive3DesKey(ByteView seed, std::uint32_t counter) {
    Bytes input(seed.begin(), seed.end());
    for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<std::uint8_t>(counter >> shift));
    Bytes key = Sha1(input);
    key.resize(16);
    AdjustDesParity(key);
    return key;
}

Result<Bytes> RandomBytes(std::size_t count) {
    Bytes out(count);
    if (count > static_cast<std::size_t>(INT_MAX)) {
        return Fail(ErrorCode::kInvalidArgument, "random bytes: too many asked for at once");
    }
    if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1) return OpenSslFailure("random bytes");
    return out;
}

}  // namespace precinct::identity
