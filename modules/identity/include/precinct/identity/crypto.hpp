#pragma once
// Symmetric cryptography of ICAO Doc 9303 Part 11 (BAC, PACE, secure messaging, chip authentication), all through
// OpenSSL's EVP interface: 2-key 3DES-CBC and AES-CBC without padding, single-block AES-ECB, ISO/IEC 9797-1
// padding method 2, ISO/IEC 9797-1 MAC algorithm 3 (the DES "retail MAC"), AES-CMAC, SHA-1/SHA-2 digests, DES key
// parity and the key derivation function of section 9.7.1. Every function is thread-safe.
//
// Functions that take keys or data from outside return kInvalidArgument naming the wrong length; kInternal only
// when OpenSSL itself fails (out of memory, a provider missing).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// The block cipher of a secure messaging session.
enum class SmCipher {
    kTripleDes,  // 2-key 3DES-CBC, ISO/IEC 9797-1 MAC algorithm 3, 8-byte SSC (BAC, PACE/CA with 3DES)
    kAes,        // AES-CBC (key 16, 24 or 32 bytes), AES-CMAC truncated to 8 bytes, 16-byte SSC
};

// 8 for 3DES, 16 for AES.
std::size_t BlockSize(SmCipher cipher);
// "3DES" or "AES".
std::string_view SmCipherName(SmCipher cipher);

// ---- ciphers (no padding: the data must be a whole number of blocks) ----

// 2-key 3DES (K1 || K2, 16 bytes; a 24-byte 3-key 3DES key is accepted too) in CBC mode; `iv` is 8 bytes.
Result<Bytes> TripleDesCbcEncrypt(ByteView key, ByteView iv, ByteView data);
Result<Bytes> TripleDesCbcDecrypt(ByteView key, ByteView iv, ByteView data);
// AES-128/192/256 by the key length (16, 24, 32 bytes) in CBC mode; `iv` is 16 bytes.
Result<Bytes> AesCbcEncrypt(ByteView key, ByteView iv, ByteView data);
Result<Bytes> AesCbcDecrypt(ByteView key, ByteView iv, ByteView data);
// One 16-byte block through AES in ECB mode (the IV of AES secure messaging: E(KS_enc, SSC)).
Result<Bytes> AesEcbEncryptBlock(ByteView key, ByteView block);
// CBC encryption/decryption with the cipher of `cipher` (TripleDesCbc* or AesCbc*).
Result<Bytes> CbcEncrypt(SmCipher cipher, ByteView key, ByteView iv, ByteView data);
Result<Bytes> CbcDecrypt(SmCipher cipher, ByteView key, ByteView iv, ByteView data);

// ---- padding ----

// ISO/IEC 9797-1 padding method 2: appends 0x80 then zero bytes up to a multiple of `block_size` (always adds at
// least one byte). `block_size` is 8 or 16.
Bytes PadIso9797Method2(ByteView data, std::size_t block_size);
// Removes that padding. kInvalidArgument when `data` is empty, not a multiple of `block_size`, or its last
// non-zero byte within the final block is not 0x80.
Result<Bytes> UnpadIso9797Method2(ByteView data, std::size_t block_size);

// ---- message authentication ----

// ISO/IEC 9797-1 MAC algorithm 3 with DES (single-DES CBC under K1 over all blocks, then the last block decrypted
// with K2 and encrypted with K1), IV zero: the 8-byte MAC of BAC and 3DES secure messaging. `key` is 16 bytes;
// `data` must already be padded (a multiple of 8 bytes, not empty).
Result<Bytes> RetailMac(ByteView key, ByteView data);
// AES-CMAC (NIST SP 800-38B), the full 16 bytes; `key` is 16, 24 or 32 bytes. The caller truncates (secure
// messaging and PACE tokens use the first 8 bytes).
Result<Bytes> AesCmac(ByteView key, ByteView data);
// The 8-byte MAC of secure messaging and PACE/CA tokens: RetailMac for 3DES, AesCmac truncated to 8 for AES.
// Padding is the caller's business (secure messaging pads, AES PACE tokens do not).
Result<Bytes> Mac8(SmCipher cipher, ByteView key, ByteView data);

// ---- digests ----

enum class HashAlgorithm { kSha1, kSha224, kSha256, kSha384, kSha512 };

// "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512" (also without the hyphen, any case) -> the algorithm.
Result<HashAlgorithm> HashAlgorithmFromName(std::string_view name);
std::string_view HashAlgorithmName(HashAlgorithm algorithm);
Bytes Digest(HashAlgorithm algorithm, ByteView data);
// Digest by name; kInvalidArgument for an unknown name.
Result<Bytes> Digest(std::string_view algorithm_name, ByteView data);
// SHA-1 of `data` (20 bytes).
Bytes Sha1(ByteView data);

// ---- keys ----

// Sets the lowest bit of each byte so that every byte has odd parity (DES keys).
void AdjustDesParity(Bytes& key);

// What a derived key is for (Doc 9303 Part 11 section 9.7.1): the 32-bit big-endian counter appended to the
// shared secret.
enum class KdfPurpose : std::uint32_t { kEnc = 1, kMac = 2, kPassword = 3 };

// The key types of section 9.7.1.
enum class KdfKeyType {
    kTripleDes,  // SHA-1, first 16 bytes, DES parity adjusted
    kAes128,     // SHA-1, first 16 bytes
    kAes192,     // SHA-256, first 24 bytes
    kAes256,     // SHA-256, all 32 bytes
};

// Key length in bytes of `type` (16, 16, 24, 32).
std::size_t KdfKeyLength(KdfKeyType type);
// The secure messaging cipher of a key type.
SmCipher KdfCipher(KdfKeyType type);
// KDF(K, c) = H(K || c)[0..length) with DES parity for 3DES. `shared_secret` is K (any length).
Bytes DeriveKey(ByteView shared_secret, KdfPurpose purpose, KdfKeyType type);
// DeriveKey(seed, counter, kTripleDes) for a raw counter (BAC: 1 for K_enc, 2 for K_mac).
Bytes Derive3DesKey(ByteView seed, std::uint32_t counter);

// `count` bytes from OpenSSL's CSPRNG; kInternal when it cannot deliver.
Result<Bytes> RandomBytes(std::size_t count);

}  // namespace precinct::identity
