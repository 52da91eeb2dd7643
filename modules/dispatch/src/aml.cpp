// Advanced Mobile Location SMS parser (versions 1 and 2) and GSM 7-bit unpacking. See aml.hpp and
// ETSI TS 103 625 (and the EENA AML specifications) for the formats.
#include "aml.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <limits>
#include <system_error>

namespace precinct::dispatch {
namespace {

constexpr std::string_view kHeaderKey = "A\"ML";
constexpr std::size_t kMaxKeyLength = 16;
// v2 `lt` value meaning "time of positioning unknown".
constexpr std::int64_t kUnknownOffset = -9999;
// Accepted span for timestamps. TimePoint counts nanoseconds (libstdc++), so years far away would overflow it;
// nothing an AML phone sends is legitimately outside these years.
constexpr int kFirstYear = 1970;
constexpr int kLastYear = 2099;
constexpr std::int64_t kLastUnixSecond = 4102444799;                   // 2099-12-31T23:59:59Z
constexpr std::int64_t kMaxOffsetSeconds = std::int64_t{366} * 86400;  // |v2 `lt`| beyond a year is nonsense

tl::unexpected<Error> Invalid(std::string message, std::string field) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

// A bounded, printable-ASCII rendering of untrusted text for error messages.
std::string Printable(std::string_view text, std::size_t max = 32) {
    std::string out;
    for (const char c : text.substr(0, max)) out.push_back(c >= 0x20 && c < 0x7F ? c : '?');
    if (text.size() > max) out += "...";
    return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), IsDigit); }

bool ValidKey(std::string_view key) {
    if (key.empty() || key.size() > kMaxKeyLength) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '-' || c == '"';
    });
}

// [+-]?digits(.digits)? — no exponent, no inf/nan, no spaces.
std::optional<double> ParseDecimal(std::string_view text) {
    std::string_view body = text;
    bool negative = false;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    const std::size_t dot = body.find('.');
    const std::string_view whole = body.substr(0, dot);
    if (!AllDigits(whole)) return std::nullopt;
    if (dot != std::string_view::npos && !AllDigits(body.substr(dot + 1))) return std::nullopt;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value, std::chars_format::fixed);
    if (ec != std::errc() || ptr != body.data() + body.size()) return std::nullopt;
    return negative ? -value : value;
}

// [+-]?digits fitting in int64.
std::optional<std::int64_t> ParseInteger(std::string_view text) {
    std::string_view body = text;
    const bool negative = !body.empty() && body.front() == '-';
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) body.remove_prefix(1);
    if (!AllDigits(body)) return std::nullopt;
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
    if (ec != std::errc() || ptr != body.data() + body.size()) return std::nullopt;
    return negative ? -value : value;
}

// YYYYMMDDhhmmss, UTC, a date-time that exists.
std::optional<TimePoint> ParseCompactUtc(std::string_view text) {
    if (text.size() != 14 || !AllDigits(text)) return std::nullopt;
    const auto field = [&](std::size_t pos, std::size_t len) {
        int value = 0;
        std::from_chars(text.data() + pos, text.data() + pos + len, value);
        return value;
    };
    const int year = field(0, 4), month = field(4, 2), day = field(6, 2);
    const int hour = field(8, 2), minute = field(10, 2), second = field(12, 2);
    if (year < kFirstYear || year > kLastYear || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;
    const auto tp = std::chrono::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
                    std::chrono::seconds{second};
    return std::chrono::time_point_cast<TimePoint::duration>(tp);
}

std::string NormaliseMethod(std::string_view code) {
    std::string upper;
    for (const char c : code) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    if (upper == "G" || upper == "GNSS" || upper == "GPS") return "gnss";
    if (upper == "W" || upper == "WIFI" || upper == "WI-FI" || upper == "WLAN") return "wifi";
    if (upper == "C" || upper == "CELL") return "cell";
    if (upper == "F" || upper == "FUSED" || upper == "HYBRID") return "fused";
    return "unknown";  // "U", "N", empty and anything unrecognised
}

std::vector<std::string_view> Split(std::string_view text, char sep) {
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (true) {
        const std::size_t end = text.find(sep, pos);
        parts.push_back(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return parts;
}

// Field parsers shared by both versions. Each leaves `out` alone when `value` is empty (= absent).
Status SetLatitude(std::string_view value, std::string_view key, std::optional<double>& out) {
    if (value.empty()) return Ok();
    const auto lat = ParseDecimal(value);
    if (!lat) return Invalid("latitude '" + Printable(value) + "' is not a decimal number", std::string(key));
    if (*lat < -90.0 || *lat > 90.0) {
        return Invalid("latitude '" + Printable(value) + "' is outside -90..90", std::string(key));
    }
    out = *lat;
    return Ok();
}

Status SetLongitude(std::string_view value, std::string_view key, std::optional<double>& out) {
    if (value.empty()) return Ok();
    const auto lon = ParseDecimal(value);
    if (!lon) return Invalid("longitude '" + Printable(value) + "' is not a decimal number", std::string(key));
    if (*lon < -180.0 || *lon > 180.0) {
        return Invalid("longitude '" + Printable(value) + "' is outside -180..180", std::string(key));
    }
    out = *lon;
    return Ok();
}

Status SetNonNegative(std::string_view value, std::string_view key, std::string_view what, std::optional<double>& out) {
    if (value.empty()) return Ok();
    const auto number = ParseDecimal(value);
    if (!number) {
        return Invalid(std::string(what) + " '" + Printable(value) + "' is not a decimal number", std::string(key));
    }
    if (*number < 0) {
        return Invalid(std::string(what) + " '" + Printable(value) + "' is negative", std::string(key));
    }
    out = *number;
    return Ok();
}

Status SetConfidence(std::string_view value, std::optional<int>& out) {
    if (value.empty()) return Ok();
    const auto pct = ParseInteger(value);
    if (!pct) return Invalid("confidence '" + Printable(value) + "' is not a whole number of percent", "lc");
    if (*pct < 0 || *pct > 100) return Invalid("confidence '" + Printable(value) + "' is outside 0..100", "lc");
    out = static_cast<int>(*pct);
    return Ok();
}

Status SetDigits(std::string_view value, std::string_view key, std::string_view what, std::size_t min_len,
                 std::size_t max_len, std::string& out) {
    if (value.empty()) return Ok();
    if (!AllDigits(value) || value.size() < min_len || value.size() > max_len) {
        const std::string shape =
            min_len == max_len ? std::to_string(min_len) : std::to_string(min_len) + " to " + std::to_string(max_len);
        return Invalid(std::string(what) + " '" + Printable(value) + "' must be " + shape + " digits",
                       std::string(key));
    }
    out = std::string(value);
    return Ok();
}

// v2 `nc`/`hc`: MCC (3 digits) followed by MNC (2 or 3).
Status SetNetwork(std::string_view value, std::string_view key, std::string& mcc, std::string& mnc) {
    if (value.empty()) return Ok();
    if (!AllDigits(value) || value.size() < 5 || value.size() > 6) {
        return Invalid("network code '" + Printable(value) + "' must be MCC+MNC, 5 or 6 digits", std::string(key));
    }
    mcc = std::string(value.substr(0, 3));
    mnc = std::string(value.substr(3));
    return Ok();
}

Status SetLength(std::string_view value, std::optional<std::size_t>& out) {
    if (value.empty()) return Ok();
    std::size_t length = 0;
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (!AllDigits(value) || ec != std::errc() || ptr != value.data() + value.size()) {
        return Invalid("message length '" + Printable(value) + "' is not a whole number", "ml");
    }
    out = length;
    return Ok();
}

Status ParseV1Field(std::string_view key, std::string_view value, AmlMessage& msg, bool& known) {
    known = true;
    if (key == "lt") return SetLatitude(value, key, msg.latitude);
    if (key == "lg") return SetLongitude(value, key, msg.longitude);
    if (key == "rd") return SetNonNegative(value, key, "radius", msg.radius_m);
    if (key == "top") {
        if (value.empty()) return Ok();
        const auto t = ParseCompactUtc(value);
        if (!t) {
            return Invalid("time of positioning '" + Printable(value) +
                               "' is not a valid UTC date-time YYYYMMDDhhmmss (years 1970-2099)",
                           "top");
        }
        msg.positioning_time = *t;
        return Ok();
    }
    if (key == "lc") return SetConfidence(value, msg.confidence_pct);
    if (key == "pm") {
        msg.positioning_method = NormaliseMethod(value);
        return Ok();
    }
    if (key == "si") return SetDigits(value, key, "IMSI", 15, 15, msg.imsi);
    if (key == "ei") return SetDigits(value, key, "IMEI", 15, 16, msg.imei);
    if (key == "mcc") return SetDigits(value, key, "MCC", 3, 3, msg.mcc);
    if (key == "mnc") return SetDigits(value, key, "MNC", 2, 3, msg.mnc);
    if (key == "ml") return SetLength(value, msg.declared_length);
    known = false;
    return Ok();
}

Status ParseV2Field(std::string_view key, std::string_view value, AmlMessage& msg, bool& known) {
    known = true;
    if (key == "en") {
        if (value.empty()) return Ok();
        const bool shaped = value.size() <= 20 && std::any_of(value.begin(), value.end(), IsDigit) &&
                            std::all_of(value.begin(), value.end(),
                                        [](char c) { return IsDigit(c) || c == '+' || c == '*' || c == '#'; });
        if (!shaped) return Invalid("emergency number '" + Printable(value) + "' is not a dialled number", "en");
        msg.emergency_number = std::string(value);
        return Ok();
    }
    if (key == "et") {
        if (value.empty()) return Ok();
        const auto secs = ParseInteger(value);
        if (!secs || !AllDigits(value)) {
            return Invalid("call time '" + Printable(value) + "' is not a count of Unix seconds", "et");
        }
        if (*secs > kLastUnixSecond) return Invalid("call time '" + Printable(value) + "' is after 2099", "et");
        msg.call_time = TimePoint(std::chrono::seconds(*secs));
        return Ok();
    }
    if (key == "lo") {
        if (value.empty()) return Ok();  // no fix
        const auto parts = Split(value, ',');
        if (parts.size() < 2 || parts.size() > 3) {
            return Invalid("location '" + Printable(value) + "' must be latitude,longitude[,accuracy]", "lo");
        }
        if (auto s = SetLatitude(parts[0], key, msg.latitude); !s) return s;
        if (auto s = SetLongitude(parts[1], key, msg.longitude); !s) return s;
        if (parts.size() == 3) return SetNonNegative(parts[2], key, "accuracy", msg.radius_m);
        return Ok();
    }
    if (key == "lt") {
        if (value.empty()) return Ok();
        const auto offset = ParseInteger(value);
        if (!offset) {
            return Invalid("positioning time offset '" + Printable(value) + "' is not a whole number of seconds", "lt");
        }
        if (*offset != kUnknownOffset && (*offset > kMaxOffsetSeconds || *offset < -kMaxOffsetSeconds)) {
            return Invalid("positioning time offset '" + Printable(value) + "' is more than a year", "lt");
        }
        msg.positioning_offset_s = *offset;
        return Ok();
    }
    if (key == "lc") return SetConfidence(value, msg.confidence_pct);
    if (key == "lz") {
        const auto parts = Split(value, ',');
        if (parts.size() > 2) {
            return Invalid("altitude '" + Printable(value) + "' must be altitude[,vertical accuracy]", "lz");
        }
        if (!parts[0].empty()) {
            const auto altitude = ParseDecimal(parts[0]);
            if (!altitude) return Invalid("altitude '" + Printable(parts[0]) + "' is not a decimal number", "lz");
            msg.altitude_m = *altitude;
        }
        if (parts.size() == 2) return SetNonNegative(parts[1], key, "vertical accuracy", msg.altitude_accuracy_m);
        return Ok();
    }
    if (key == "ls") {
        msg.positioning_method = NormaliseMethod(value);
        return Ok();
    }
    if (key == "si") return SetDigits(value, key, "IMSI", 15, 15, msg.imsi);
    if (key == "ei") return SetDigits(value, key, "IMEI", 15, 16, msg.imei);
    if (key == "nc") return SetNetwork(value, key, msg.mcc, msg.mnc);
    if (key == "hc") return SetNetwork(value, key, msg.home_mcc, msg.home_mnc);
    if (key == "lg") {
        if (value.empty()) return Ok();
        const bool shaped = value.size() <= 64 && std::all_of(value.begin(), value.end(), [](char c) {
                                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '-' ||
                                       c == '_' || c == ',';
                            });
        if (!shaped) return Invalid("language '" + Printable(value) + "' is not a BCP 47 language tag", "lg");
        msg.language = std::string(value);
        return Ok();
    }
    if (key == "ml") return SetLength(value, msg.declared_length);
    known = false;
    return Ok();
}

// 3GPP TS 23.038 §6.2.1 default alphabet, as UTF-8.
// clang-format off
constexpr std::array<std::string_view, 128> kGsm7Basic = {
    "@",  "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
    "Δ",  "_", "Φ", "Γ", "Λ", "Ω", "Π", "Ψ", "Σ", "Θ", "Ξ", "",  "Æ", "æ", "ß", "É",  // 0x1B: escape
    " ",  "!", "\"", "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
    "0",  "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
    "¡",  "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
    "P",  "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",
    "¿",  "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "p",  "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "ä", "ö", "ñ", "ü", "à",
};
// clang-format on
constexpr std::uint8_t kGsm7Escape = 0x1B;

// §6.2.1.1 default extension table (after ESC). Codes not listed fall back to the basic character.
std::string_view Gsm7Extension(std::uint8_t code) {
    switch (code) {
        case 0x0A: return "\f";
        case 0x14: return "^";
        case 0x28: return "{";
        case 0x29: return "}";
        case 0x2F: return "\\";
        case 0x3C: return "[";
        case 0x3D: return "~";
        case 0x3E: return "]";
        case 0x40: return "|";
        case 0x65: return "€";
        case kGsm7Escape: return " ";  // ESC ESC: reserved, shown as a space
        default: return kGsm7Basic[code];
    }
}

}  // namespace

std::optional<GeoPoint> AmlMessage::Location() const {
    if (!has_fix) return std::nullopt;
    return GeoPoint{*latitude, *longitude};
}

Result<AmlMessage> ParseAml(std::string_view raw) {
    if (raw.size() > kAmlMaxLength) {
        return Invalid("AML message is " + std::to_string(raw.size()) + " bytes; at most " +
                           std::to_string(kAmlMaxLength) + " are accepted",
                       "message");
    }
    const auto segments = Split(raw, ';');
    const std::string_view first = segments.front();
    const std::size_t first_eq = first.find('=');
    if (first_eq == std::string_view::npos || first.substr(0, first_eq) != kHeaderKey) {
        return Invalid("missing AML header: the message must start with A\"ML=<version>", "header");
    }
    AmlMessage msg;
    const std::string_view version = first.substr(first_eq + 1);
    if (version == "1") {
        msg.version = 1;
    } else if (version == "2") {
        msg.version = 2;
    } else {
        return Invalid("unsupported AML version '" + Printable(version) + "'; versions 1 and 2 are understood",
                       "header");
    }

    std::vector<std::string_view> seen;
    for (std::size_t i = 1; i < segments.size(); ++i) {
        const std::string_view segment = segments[i];
        if (segment.empty()) continue;  // ";;" or a trailing ';' carries nothing
        const std::size_t eq = segment.find('=');
        if (eq == std::string_view::npos) {
            if (i + 1 == segments.size()) {
                return Invalid("AML message is truncated: it ends in '" + Printable(segment) + "' with no '='",
                               Printable(segment));
            }
            return Invalid("AML field '" + Printable(segment) + "' has no '='", Printable(segment));
        }
        const std::string_view key = segment.substr(0, eq);
        const std::string_view value = segment.substr(eq + 1);
        if (key == kHeaderKey) return Invalid("AML header appears twice", "header");
        if (!ValidKey(key)) {
            return Invalid(key.empty() ? "AML field with an empty key" : "invalid AML key '" + Printable(key) + "'",
                           Printable(key));
        }
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            return Invalid("duplicate AML key '" + std::string(key) + "'", std::string(key));
        }
        seen.push_back(key);
        bool known = false;
        const Status status =
            msg.version == 1 ? ParseV1Field(key, value, msg, known) : ParseV2Field(key, value, msg, known);
        if (!status) return Fail(status.error());
        if (!known) msg.unknown_keys.emplace_back(key);
    }

    if (msg.declared_length) msg.length_mismatch = *msg.declared_length != raw.size();
    if (msg.version == 2 && msg.call_time && msg.positioning_offset_s && *msg.positioning_offset_s != kUnknownOffset) {
        msg.positioning_time = *msg.call_time + std::chrono::seconds(*msg.positioning_offset_s);
    }
    msg.has_fix = msg.latitude.has_value() && msg.longitude.has_value();
    return msg;
}

std::string UnpackGsm7(std::span<const std::uint8_t> packed, std::size_t septets) {
    septets = std::min(septets, packed.size() * 8 / 7);
    std::string out;
    out.reserve(septets);
    bool escaped = false;
    for (std::size_t i = 0; i < septets; ++i) {
        const std::size_t bit = i * 7;
        const std::size_t byte = bit / 8;
        const unsigned shift = bit % 8;
        unsigned value = static_cast<unsigned>(packed[byte]) >> shift;
        if (shift > 1) value |= static_cast<unsigned>(packed[byte + 1]) << (8 - shift);
        const auto code = static_cast<std::uint8_t>(value & 0x7F);
        if (escaped) {
            out += Gsm7Extension(code);
            escaped = false;
        } else if (code == kGsm7Escape) {
            escaped = true;  // a trailing lone ESC is dropped
        } else {
            out += kGsm7Basic[code];
        }
    }
    return out;
}

Result<AmlMessage> ParseAmlBinary(std::span<const std::uint8_t> packed, std::optional<std::size_t> septets) {
    const std::size_t available = packed.size() * 8 / 7;
    const std::size_t count = septets ? std::min(*septets, available) : available;
    if (count > kAmlMaxLength + 1) {  // +1: room for a padding character dropped below
        return Invalid("AML message is " + std::to_string(count) + " characters; at most " +
                           std::to_string(kAmlMaxLength) + " are accepted",
                       "message");
    }
    std::string text = UnpackGsm7(packed, count);
    // With no septet count, a payload of 7k octets carries 8k septets, the last of which may be padding: seven
    // zero bits ('@') or the CR that TS 23.038 §6.1.2.3.1 prescribes for exactly that case.
    if (!septets && packed.size() % 7 == 0 && !text.empty() && (text.back() == '@' || text.back() == '\r')) {
        text.pop_back();
    }
    return ParseAml(text);
}

}  // namespace precinct::dispatch
