#include "precinct/identity/tlv.hpp"

#include <fmt/format.h>

#include <limits>

namespace precinct::identity {

namespace {
tl::unexpected<Error> Malformed(std::size_t at, const std::string& what) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("TLV at offset {}: {}", at, what));
}
}  // namespace

Result<Tlv> ReadTlv(ByteView data, std::size_t& offset) {
    const std::size_t start = offset;
    std::size_t pos = offset;
    if (pos >= data.size()) return Malformed(start, "no bytes left for a tag");
    Tlv tlv;
    std::uint8_t first = data[pos++];
    if (first == 0x00 || first == 0xFF) return Malformed(start, fmt::format("invalid tag byte {:02X}", first));
    tlv.constructed = (first & 0x20) != 0;
    std::uint32_t tag = first;
    if ((first & 0x1F) == 0x1F) {
        // Subsequent tag bytes: bit 8 set means another follows. At most three bytes in all.
        for (int i = 0;; ++i) {
            if (i == 2) return Malformed(start, "tag longer than three bytes");
            if (pos >= data.size()) return Malformed(start, "tag runs past the end of the data");
            std::uint8_t b = data[pos++];
            tag = (tag << 8) | b;
            if ((b & 0x80) == 0) break;
        }
    }
    tlv.tag = tag;
    if (pos >= data.size()) return Malformed(start, fmt::format("tag {} has no length", TagName(tag)));
    std::uint8_t l0 = data[pos++];
    std::size_t length = 0;
    if (l0 < 0x80) {
        length = l0;
    } else if (l0 == 0x80) {
        return Malformed(start, fmt::format("tag {} has an indefinite length", TagName(tag)));
    } else {
        int n = l0 & 0x7F;
        if (n > 4) return Malformed(start, fmt::format("tag {}: length of {} bytes is not supported", TagName(tag), n));
        if (data.size() - pos < static_cast<std::size_t>(n)) {
            return Malformed(start, fmt::format("tag {}: length runs past the end of the data", TagName(tag)));
        }
        for (int i = 0; i < n; ++i) length = (length << 8) | data[pos++];
    }
    if (length > kMaxTlvLength) {
        return Malformed(start, fmt::format("tag {}: length {} exceeds the limit", TagName(tag), length));
    }
    if (data.size() - pos < length) {
        return Malformed(start, fmt::format("tag {}: length {} runs past the end of the data ({} bytes left)",
                                            TagName(tag), length, data.size() - pos));
    }
    tlv.value = data.subspan(pos, length);
    tlv.raw = data.subspan(start, pos + length - start);
    offset = pos + length;
    return tlv;
}

Result<std::vector<Tlv>> ReadAllTlv(ByteView data) {
    std::vector<Tlv> out;
    std::size_t offset = 0;
    while (offset < data.size()) {
        auto tlv = ReadTlv(data, offset);
        if (!tlv) return Fail(tlv.error());
        out.push_back(*tlv);
    }
    return out;
}

Result<Tlv> ReadSingleTlv(ByteView data, std::uint32_t expected_tag, std::string_view what) {
    std::size_t offset = 0;
    auto tlv = ReadTlv(data, offset);
    if (!tlv) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", what, tlv.error().message));
    if (tlv->tag != expected_tag) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: outer tag is {}, expected {}", what, TagName(tlv->tag), TagName(expected_tag)));
    }
    if (offset != data.size()) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: {} trailing bytes after the object", what, data.size() - offset));
    }
    return tlv;
}

std::optional<Tlv> FindTlv(const std::vector<Tlv>& items, std::uint32_t tag) {
    for (const auto& t : items) {
        if (t.tag == tag) return t;
    }
    return std::nullopt;
}

Bytes EncodeLength(std::size_t length) {
    if (length < 0x80) return {static_cast<std::uint8_t>(length)};
    Bytes digits;
    for (std::size_t v = length; v != 0; v >>= 8) digits.insert(digits.begin(), static_cast<std::uint8_t>(v & 0xFF));
    Bytes out{static_cast<std::uint8_t>(0x80 | digits.size())};
    out.insert(out.end(), digits.begin(), digits.end());
    return out;
}

Bytes EncodeTlv(std::uint32_t tag, ByteView value) {
    Bytes out;
    if (tag > 0xFFFF) out.push_back(static_cast<std::uint8_t>(tag >> 16));
    if (tag > 0xFF) out.push_back(static_cast<std::uint8_t>(tag >> 8));
    out.push_back(static_cast<std::uint8_t>(tag));
    Bytes len = EncodeLength(value.size());
    out.insert(out.end(), len.begin(), len.end());
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

std::string TagName(std::uint32_t tag) {
    if (tag > 0xFFFF) return fmt::format("{:06X}", tag);
    if (tag > 0xFF) return fmt::format("{:04X}", tag);
    return fmt::format("{:02X}", tag);
}

Result<std::string> DecodeOid(ByteView contents) {
    if (contents.empty()) return Fail(ErrorCode::kInvalidArgument, "OID: empty");
    if (contents.size() > 64) return Fail(ErrorCode::kInvalidArgument, "OID: longer than 64 bytes");
    if ((contents.back() & 0x80) != 0) return Fail(ErrorCode::kInvalidArgument, "OID: last arc is cut off");
    std::string out;
    std::uint64_t arc = 0;
    bool first = true;
    bool arc_start = true;
    for (std::uint8_t b : contents) {
        if (arc_start && b == 0x80) return Fail(ErrorCode::kInvalidArgument, "OID: arc with a leading zero byte");
        arc_start = false;
        if (arc > (std::numeric_limits<std::uint64_t>::max() >> 7)) {
            return Fail(ErrorCode::kInvalidArgument, "OID: arc too large");
        }
        arc = (arc << 7) | (b & 0x7F);
        if ((b & 0x80) != 0) continue;
        if (first) {
            std::uint64_t top = arc < 40 ? 0 : (arc < 80 ? 1 : 2);
            out = fmt::format("{}.{}", top, arc - top * 40);
            first = false;
        } else {
            out += fmt::format(".{}", arc);
        }
        arc = 0;
        arc_start = true;
    }
    return out;
}

Result<Bytes> EncodeOid(std::string_view dotted) {
    std::vector<std::uint64_t> arcs;
    std::uint64_t v = 0;
    bool have = false;
    for (char c : dotted) {
        if (c == '.') {
            if (!have) return Fail(ErrorCode::kInvalidArgument, "OID: empty arc");
            arcs.push_back(v);
            v = 0;
            have = false;
        } else if (c >= '0' && c <= '9') {
            if (v > 1'000'000'000'000ULL) return Fail(ErrorCode::kInvalidArgument, "OID: arc too large");
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
            have = true;
        } else {
            return Fail(ErrorCode::kInvalidArgument, "OID: not a dotted number");
        }
    }
    if (!have) return Fail(ErrorCode::kInvalidArgument, "OID: empty arc");
    arcs.push_back(v);
    if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40)) {
        return Fail(ErrorCode::kInvalidArgument, "OID: invalid first arcs");
    }
    Bytes out;
    auto put = [&out](std::uint64_t arc) {
        Bytes tmp{static_cast<std::uint8_t>(arc & 0x7F)};
        for (arc >>= 7; arc != 0; arc >>= 7) tmp.insert(tmp.begin(), static_cast<std::uint8_t>(0x80 | (arc & 0x7F)));
        out.insert(out.end(), tmp.begin(), tmp.end());
    };
    put(arcs[0] * 40 + arcs[1]);
    for (std::size_t i = 2; i < arcs.size(); ++i) put(arcs[i]);
    return out;
}

Result<std::int64_t> DecodeInteger(ByteView contents) {
    if (contents.empty()) return Fail(ErrorCode::kInvalidArgument, "INTEGER: empty");
    if (contents.size() > 8) return Fail(ErrorCode::kInvalidArgument, "INTEGER: larger than 64 bits");
    std::uint64_t v = (contents[0] & 0x80) != 0 ? ~std::uint64_t{0} : 0;
    for (std::uint8_t b : contents) v = (v << 8) | b;
    return static_cast<std::int64_t>(v);
}

Bytes EncodeInteger(std::int64_t value) {
    Bytes out;
    auto u = static_cast<std::uint64_t>(value);
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(u >> (8 * i)));
    // Drop leading bytes that only repeat the sign.
    while (out.size() > 1 && ((out[0] == 0x00 && (out[1] & 0x80) == 0) || (out[0] == 0xFF && (out[1] & 0x80) != 0))) {
        out.erase(out.begin());
    }
    return out;
}

}  // namespace precinct::identity
