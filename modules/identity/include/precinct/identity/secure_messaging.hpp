#pragma once
// Secure messaging (ICAO Doc 9303 Part 11 section 9.8, ISO/IEC 7816-4 section 10) for both ends of the channel:
// the terminal wraps commands and unwraps responses, the chip unwraps commands and wraps responses.
//
// A protected command is CLA|0x0C INS P1 P2 Lc [DO87 | DO85] [DO97] DO8E Le (Le = 00, or 0000 in extended form):
//   DO87 = 87 L 01 || E(KS_enc, pad(data))    (even INS; 01 is the padding-content indicator)
//   DO85 = 85 L E(KS_enc, pad(data))          (odd INS such as B1, whose data is BER-TLV)
//   DO97 = 97 01 Le (or 97 02 Le Le when Le exceeds 256; Le 256 is 97 01 00, 65536 is 97 02 00 00)
//   DO8E = 8E 08 MAC(KS_mac, pad(SSC || pad(CLA|0x0C INS P1 P2) || DO87/DO85 || DO97))
// A protected response is [DO87] DO99 DO8E SW1 SW2 with DO99 = 99 02 SW and
//   DO8E = 8E 08 MAC(KS_mac, pad(SSC || DO87 || DO99)).
// The command goes in extended form when the original one did, when its protected data exceed 255 bytes or when
// Le exceeds 256.
//
// Ciphers: 3DES (8-byte SSC, IV zero, ISO/IEC 9797-1 MAC algorithm 3) and AES (16-byte SSC, IV = E(KS_enc, SSC)
// in ECB mode, AES-CMAC truncated to 8 bytes); pad() is ISO/IEC 9797-1 method 2 to the block size (8 or 16).
//
// The send sequence counter is incremented exactly once before every command MAC and once before every response
// MAC, on whichever side: WrapCommand and UnwrapCommand each add one, UnwrapResponse and WrapResponse each add one,
// also when they then fail. After any failure the session must be abandoned (a chip answers 6988 and drops its
// keys; a reader stops): the counters of the two sides no longer agree.
//
// Not thread-safe (one channel, one command at a time). Copyable: a copy continues from the same counter.
#include <cstddef>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/crypto.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

// Bits 3 and 4 of CLA: secure messaging with an authenticated header (ISO/IEC 7816-4).
inline constexpr std::uint8_t kClaSecureMessaging = 0x0C;
// Length of the MAC in DO8E.
inline constexpr std::size_t kSmMacBytes = 8;

class SecureMessaging {
public:
    // `ks_enc` and `ks_mac`: 16 bytes for 3DES; 16, 24 or 32 bytes (both the same length) for AES. `ssc`: the
    // initial send sequence counter, 8 bytes for 3DES and 16 for AES (BAC: from the challenges; PACE and chip
    // authentication: zero, see the overload). kInvalidArgument on any other length.
    static Result<SecureMessaging> Create(SmCipher cipher, ByteView ks_enc, ByteView ks_mac, ByteView ssc);
    // With the counter at zero (PACE, chip authentication).
    static Result<SecureMessaging> Create(SmCipher cipher, ByteView ks_enc, ByteView ks_mac);
    // 3DES with the keys and counter of a completed BAC.
    static Result<SecureMessaging> FromBac(const BacSessionKeys& session);

    SmCipher cipher() const { return cipher_; }
    const Bytes& ks_enc() const { return ks_enc_; }
    const Bytes& ks_mac() const { return ks_mac_; }
    // The counter as it stands: the value used by the last MAC computed or checked (the initial value before the
    // first one).
    const Bytes& ssc() const { return ssc_; }

    // True when CLA announces secure messaging with an authenticated header ((CLA & 0x0C) == 0x0C).
    static bool IsProtected(const CommandApdu& command);

    // ---- terminal side ----

    // Protects `command` (CLA must not already announce secure messaging; the chaining bit 0x10 is kept).
    // kInvalidArgument when CLA already has 0x0C set or the protected data would exceed 65535 bytes.
    Result<CommandApdu> WrapCommand(const CommandApdu& command);
    // Checks and opens a protected response: its data must be exactly [DO87] DO99 DO8E in that order, each at
    // most once, with a MAC that verifies (checked before anything is decrypted) and correctly padded content.
    // The result carries the decrypted data and the status word of DO99. A response without data and with an
    // error status (a chip that refuses in plain, e.g. 6987/6988 after an SM error, or 6982) is returned as is:
    // no MAC can be checked, so the caller must treat it as the end of the session. Errors: kUnauthenticated for
    // a wrong MAC, kInvalidArgument for anything malformed (named in the message).
    Result<ResponseApdu> UnwrapResponse(const ResponseApdu& response);

    // ---- chip side ----

    // Checks and opens a protected command: CLA must carry 0x0C, the data must be exactly [DO87 | DO85] [DO97]
    // DO8E in that order with a MAC that verifies (checked before anything is decrypted) and correctly padded
    // content. The result has CLA without 0x0C (chaining bit kept), the plain data, Le from DO97 (absent without
    // DO97) and `extended` set when the data exceed 255 bytes or Le exceeds 256. Errors: kUnauthenticated for a
    // wrong MAC, kInvalidArgument for anything malformed; either way a chip answers 6988 in plain and ends the
    // session.
    Result<CommandApdu> UnwrapCommand(const CommandApdu& command);
    // Protects the chip's answer: DO87 when `response` has data, DO99 with its status word, DO8E; the outer status
    // word is the response's own. kInvalidArgument only when the protected data would exceed 65536 bytes.
    Result<ResponseApdu> WrapResponse(const ResponseApdu& response);

private:
    SecureMessaging(SmCipher cipher, Bytes ks_enc, Bytes ks_mac, Bytes ssc);
    void IncrementSsc();
    Result<Bytes> Mac(ByteView data_unpadded) const;
    Result<Bytes> Iv() const;
    Result<Bytes> Encrypt(ByteView plain) const;
    Result<Bytes> Decrypt(ByteView cryptogram) const;
    // The plaintext of a DO87 (padding-content indicator first) or DO85; errors begin with `what`.
    Result<Bytes> DecryptObject(const Tlv& object, std::string_view what) const;

    SmCipher cipher_;
    Bytes ks_enc_;
    Bytes ks_mac_;
    Bytes ssc_;
};

}  // namespace precinct::identity
