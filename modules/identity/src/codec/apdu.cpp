#include "precinct/identity/apdu.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace precinct::identity {

Bytes EncodeCommand(const CommandApdu& c) {
    if (c.data.size() > 0xFFFF) std::abort();
    const bool extended = c.extended || c.data.size() > 255 || (c.le && *c.le > 256);
    Bytes out{c.cla, c.ins, c.p1, c.p2};
    if (!c.data.empty()) {
        if (extended) {
            out.push_back(0x00);
            out.push_back(static_cast<std::uint8_t>(c.data.size() >> 8));
            out.push_back(static_cast<std::uint8_t>(c.data.size()));
        } else {
            out.push_back(static_cast<std::uint8_t>(c.data.size()));
        }
        out.insert(out.end(), c.data.begin(), c.data.end());
    }
    if (c.le) {
        std::uint32_t le = *c.le;
        if (extended) {
            if (c.data.empty()) out.push_back(0x00);
            std::uint32_t v = le >= 65536 ? 0 : le;
            out.push_back(static_cast<std::uint8_t>(v >> 8));
            out.push_back(static_cast<std::uint8_t>(v));
        } else {
            out.push_back(static_cast<std::uint8_t>(le >= 256 ? 0 : le));
        }
    }
    return out;
}

Result<CommandApdu> ParseCommand(ByteView b) {
    if (b.size() < 4) return Fail(ErrorCode::kInvalidArgument, "APDU: fewer than four header bytes");
    CommandApdu c{b[0], b[1], b[2], b[3], {}, std::nullopt, false};
    ByteView body = b.subspan(4);
    if (body.empty()) return c;  // case 1
    if (body.size() == 1) {      // case 2 short
        c.le = body[0] == 0 ? 256u : body[0];
        return c;
    }
    if (body[0] != 0) {  // short Lc
        std::size_t lc = body[0];
        if (body.size() == 1 + lc) {
            c.data.assign(body.begin() + 1, body.end());
            return c;
        }
        if (body.size() == 2 + lc) {
            c.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<std::ptrdiff_t>(lc));
            c.le = body.back() == 0 ? 256u : body.back();
            return c;
        }
        return Fail(ErrorCode::kInvalidArgument, "APDU: Lc does not match the data length");
    }
    c.extended = true;
    if (body.size() == 3) {  // case 2 extended
        std::uint32_t le = (std::uint32_t{body[1]} << 8) | body[2];
        c.le = le == 0 ? 65536u : le;
        return c;
    }
    if (body.size() < 3) return Fail(ErrorCode::kInvalidArgument, "APDU: truncated extended length");
    std::size_t lc = (std::size_t{body[1]} << 8) | body[2];
    if (lc == 0) return Fail(ErrorCode::kInvalidArgument, "APDU: extended Lc of zero");
    if (body.size() == 3 + lc) {
        c.data.assign(body.begin() + 3, body.end());
        return c;
    }
    if (body.size() == 5 + lc) {
        c.data.assign(body.begin() + 3, body.begin() + 3 + static_cast<std::ptrdiff_t>(lc));
        std::uint32_t le = (std::uint32_t{body[3 + lc]} << 8) | body[4 + lc];
        c.le = le == 0 ? 65536u : le;
        return c;
    }
    return Fail(ErrorCode::kInvalidArgument, "APDU: extended Lc does not match the data length");
}

Result<ResponseApdu> ParseResponse(ByteView b) {
    if (b.size() < 2) return Fail(ErrorCode::kInvalidArgument, "response APDU: fewer than two bytes");
    ResponseApdu r;
    r.data.assign(b.begin(), b.end() - 2);
    r.sw = static_cast<std::uint16_t>((b[b.size() - 2] << 8) | b[b.size() - 1]);
    return r;
}

Bytes EncodeResponse(const ResponseApdu& r) {
    Bytes out = r.data;
    out.push_back(static_cast<std::uint8_t>(r.sw >> 8));
    out.push_back(static_cast<std::uint8_t>(r.sw));
    return out;
}

std::string_view StatusWordMeaning(std::uint16_t sw) {
    switch (sw) {
        case 0x9000: return "success";
        case 0x6282: return "end of file reached before Le bytes";
        case 0x6700: return "wrong length";
        case 0x6882: return "secure messaging not supported";
        case 0x6982: return "security status not satisfied";
        case 0x6983: return "authentication method blocked";
        case 0x6985: return "conditions of use not satisfied";
        case 0x6988: return "incorrect secure messaging data objects";
        case 0x6A80: return "incorrect data";
        case 0x6A81: return "function not supported";
        case 0x6A82: return "file not found";
        case 0x6A86: return "incorrect P1/P2";
        case 0x6A88: return "referenced data not found";
        case 0x6B00: return "wrong parameters (offset outside the file)";
        case 0x6D00: return "instruction not supported";
        case 0x6E00: return "class not supported";
        default: break;
    }
    if ((sw & 0xFFF0) == 0x63C0 || sw == 0x6300) return "verification failed";
    return "unknown status";
}

Error CardStatusError(std::uint16_t sw, std::string_view what) {
    ErrorCode code = ErrorCode::kInvalidArgument;
    if (sw == 0x6982 || sw == 0x6983 || (sw & 0xFF00) == 0x6300) {
        code = ErrorCode::kUnauthenticated;
    } else if (sw == 0x6A82 || sw == 0x6A88) {
        code = ErrorCode::kNotFound;
    } else if (sw == 0x6D00 || sw == 0x6E00 || sw == 0x6A81 || sw == 0x6882) {
        code = ErrorCode::kUnavailable;
    }
    return Error{code, fmt::format("{}: {} (SW {:04X})", what, StatusWordMeaning(sw), sw), fmt::format("sw:{:04X}", sw),
                 0};
}

std::optional<std::uint16_t> StatusWordOf(const Error& error) {
    if (error.field.size() != 7 || error.field.rfind("sw:", 0) != 0) return std::nullopt;
    auto v = FromHex(std::string_view(error.field).substr(3));
    if (!v || v->size() != 2) return std::nullopt;
    return static_cast<std::uint16_t>(((*v)[0] << 8) | (*v)[1]);
}

Result<Bytes> DataOrError(const ResponseApdu& response, std::string_view what) {
    if (response.sw == 0x9000) return response.data;
    return Fail(CardStatusError(response.sw, what));
}

}  // namespace precinct::identity
