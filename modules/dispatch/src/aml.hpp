#pragma once
// Advanced Mobile Location (AML) SMS: the handset-derived caller location that Android/iOS phones send when an
// emergency call is made (EENA / ETSI TS 103 625). Parses the `A"ML=1` and `A"ML=2` key=value formats, and
// unpacks the GSM 7-bit payload of the binary data SMS Android uses. Pure functions, errors as values.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain.hpp"

namespace precinct::dispatch {

// Longest AML message accepted, in bytes (real ones are ~130; an SMS concatenation tops out well below this).
inline constexpr std::size_t kAmlMaxLength = 1024;

struct AmlMessage {
    int version = 0;  // 1 or 2, from the A"ML header

    // Location. All empty when the phone found no fix before its timeout; use `has_fix` before reading them.
    std::optional<double> latitude;              // WGS-84 degrees. v1 `lt`, v2 `lo` (first part)
    std::optional<double> longitude;             // v1 `lg`, v2 `lo` (second part)
    std::optional<double> radius_m;              // uncertainty radius. v1 `rd`, v2 `lo` (third part)
    std::optional<TimePoint> positioning_time;   // v1 `top`; v2 `et` + `lt` (unless `lt` is -9999 = unknown)
    std::optional<int> confidence_pct;           // `lc`, 0..100
    std::optional<double> altitude_m;            // v2 `lz` (first part)
    std::optional<double> altitude_accuracy_m;   // v2 `lz` (second part)
    std::string positioning_method = "unknown";  // v1 `pm` / v2 `ls`: "gnss", "wifi", "cell", "fused", "unknown"
    bool has_fix = false;                        // latitude and longitude both present

    // Call and device. Empty strings when absent.
    std::optional<TimePoint> call_time;                // v2 `et`: beginning of the call
    std::optional<std::int64_t> positioning_offset_s;  // v2 `lt` as sent (seconds from `et`, -9999 = unknown)
    std::string imsi;                                  // `si`, 15 digits
    std::string imei;                                  // `ei`, 15 digits (IMEI) or 16 (IMEISV)
    std::string mcc;                                   // v1 `mcc`; v2 first 3 digits of `nc`. Serving network
    std::string mnc;                                   // v1 `mnc`; v2 rest of `nc`
    std::string home_mcc;                              // v2 `hc` (home network of the SIM)
    std::string home_mnc;
    std::string emergency_number;  // v2 `en`, e.g. "+84113"
    std::string language;          // v2 `lg`, BCP 47 tag(s), e.g. "vi-VN"

    // Integrity. `ml` counts the bytes of the whole message, header and `ml=` field included. A mismatch is
    // accepted (it happens in the wild) but flagged for the call-taker.
    std::optional<std::size_t> declared_length;
    bool length_mismatch = false;

    // Keys this parser does not know, in order of appearance; kept and reported, never fatal.
    std::vector<std::string> unknown_keys;

    std::optional<GeoPoint> Location() const;
};

// Parses the text of an AML SMS. Refuses (kInvalidArgument, `field` = the key at fault, or "header"/"message")
// a missing or unsupported header, malformed numbers, coordinates out of range, a negative radius, confidence
// outside 0..100, an impossible `top` date-time, IMSI/IMEI/MCC/MNC of the wrong shape, duplicate keys, a
// message over kAmlMaxLength bytes, and a truncated message (a trailing key without '='). Empty location
// values mean "no fix" and are not errors.
Result<AmlMessage> ParseAml(std::string_view raw);

// Unpacks `septets` GSM 7-bit default-alphabet characters (3GPP TS 23.038 §6.1.2.1.1, no user-data header)
// into UTF-8; escape sequences use the default extension table. If `packed` holds fewer than `septets`
// characters, only the complete ones are decoded.
std::string UnpackGsm7(std::span<const std::uint8_t> packed, std::size_t septets);

// Parses the binary data-SMS form: GSM 7-bit packed text (user data without a header). When `septets` is not
// given it is taken from the payload size and the padding character the packing may leave at the end (an '@'
// from seven zero bits, or the CR TS 23.038 prescribes) is dropped.
Result<AmlMessage> ParseAmlBinary(std::span<const std::uint8_t> packed,
                                  std::optional<std::size_t> septets = std::nullopt);

}  // namespace precinct::dispatch
