#pragma once
// BER-TLV as used by ICAO Doc 9303 data groups, ISO 7816-4 APDU data objects and DER (ASN.1): one- to three-byte
// tags, definite lengths in short form or long form up to four bytes (0x81-0x84). Indefinite lengths (0x80) are
// refused: neither the LDS nor DER allows them. Every parser here works on untrusted bytes: it never reads past
// the input and names what is wrong.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// The most bytes a single TLV may declare (16 MiB): larger lengths are refused as malformed, whatever the input.
inline constexpr std::size_t kMaxTlvLength = 16u << 20;

// One data object. `value` and `raw` point into the parsed buffer, which must outlive the Tlv.
struct Tlv {
    std::uint32_t tag = 0;   // the tag bytes as a number: 0x61, 0x5F1F, 0x7F61
    bool constructed = false;  // bit 6 of the first tag byte
    ByteView value;          // the contents
    ByteView raw;            // tag, length and contents
};

// Reads the TLV that starts at `offset`, advancing `offset` past it. Errors (kInvalidArgument) say what is wrong
// and where ("TLV at offset 12: length 300 runs past the end of the data (20 bytes left)").
Result<Tlv> ReadTlv(ByteView data, std::size_t& offset);
// Reads consecutive TLVs that exactly fill `data` (a constructed value's children). Zero bytes give none.
Result<std::vector<Tlv>> ReadAllTlv(ByteView data);
// `data` must be exactly one TLV with tag `expected_tag`; trailing bytes are refused. `what` names the object in
// errors ("DG1", "EF.SOD").
Result<Tlv> ReadSingleTlv(ByteView data, std::uint32_t expected_tag, std::string_view what);
// The first child with `tag`, or nullopt.
std::optional<Tlv> FindTlv(const std::vector<Tlv>& items, std::uint32_t tag);

// Encodes a definite length in the shortest form.
Bytes EncodeLength(std::size_t length);
// Encodes tag + length + value. `tag` as in Tlv::tag.
Bytes EncodeTlv(std::uint32_t tag, ByteView value);
// Tag as hex digits ("5F1F"), for messages.
std::string TagName(std::uint32_t tag);

// ---- DER helpers over the same reader ----

// Dotted form ("2.23.136.1.1.1") of an OBJECT IDENTIFIER's contents (without tag and length).
Result<std::string> DecodeOid(ByteView contents);
// Contents of an OBJECT IDENTIFIER for a dotted form; kInvalidArgument on a bad string.
Result<Bytes> EncodeOid(std::string_view dotted);
// A DER INTEGER's contents as a signed 64-bit number; kInvalidArgument when empty or longer than 8 bytes.
Result<std::int64_t> DecodeInteger(ByteView contents);
// The shortest DER INTEGER contents of `value`.
Bytes EncodeInteger(std::int64_t value);

// DER tags used across the module.
inline constexpr std::uint32_t kDerInteger = 0x02;
inline constexpr std::uint32_t kDerBitString = 0x03;
inline constexpr std::uint32_t kDerOctetString = 0x04;
inline constexpr std::uint32_t kDerNull = 0x05;
inline constexpr std::uint32_t kDerOid = 0x06;
inline constexpr std::uint32_t kDerUtf8String = 0x0C;
inline constexpr std::uint32_t kDerPrintableString = 0x13;
inline constexpr std::uint32_t kDerSequence = 0x30;
inline constexpr std::uint32_t kDerSet = 0x31;

}  // namespace precinct::identity
