#pragma once
// The QR code on the CCCD (cards with a chip, 2021 on): UTF-8 text, fields separated by '|', no labels:
//   <12-digit number>|<old CMND number or empty>|<full name>|<DOB ddmmyyyy>|<sex>|<address>|<issue date ddmmyyyy>
// The QR code is not signed: it proves nothing about the holder; only the chip can (passive authentication).
// Whether the 2024 "Căn cước" card uses exactly the same layout is unverified.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// Which of the accepted layouts the text had.
enum class CccdQrLayout {
    kFull,           // 7 fields (or more: the extra ones are kept in `extra_fields`)
    kNoIssueDate,    // 6 fields, the issue date left out
    kNoOldIdNumber,  // 6 fields, the old CMND number left out (some readers drop it)
};

struct CccdQr {
    CccdQrLayout layout = CccdQrLayout::kFull;
    std::string personal_number;            // 12 digits
    std::string old_id_number;              // 9 or 12 digits; empty when none
    std::string full_name;                  // NFC, as printed ("NGUYỄN VĂN AN")
    std::string date_of_birth;              // YYYY-MM-DD
    std::string sex;                        // as printed, NFC: "Nam" or "Nữ"
    char sex_code = 'M';                    // 'M' for Nam, 'F' for Nữ
    std::string address;                    // NFC, as printed
    std::string issue_date;                 // YYYY-MM-DD; empty for kNoIssueDate
    std::vector<std::string> extra_fields;  // fields after the 7th, NFC
};

// The most bytes ParseCccdQr accepts (a QR code holds at most 2953).
inline constexpr std::size_t kMaxQrTextBytes = 4096;

// Parses the text of the QR code. Leading and trailing white space (CR, LF, tabs, spaces) and a UTF-8 byte order
// mark are dropped; the text is normalized to Unicode NFC. kInvalidArgument, naming the field: not UTF-8, longer
// than kMaxQrTextBytes, fewer than 6 fields, a number that is not 12 digits, an old number that is not 9 or 12
// digits, a date that is not a valid ddmmyyyy, a sex other than Nam/Nữ, an empty name.
Result<CccdQr> ParseCccdQr(std::string_view text);

// Limits on images given to DecodeQrFromImage.
inline constexpr std::size_t kMaxQrImageBytes = 20u << 20;
inline constexpr int kMaxQrImageSide = 8000;

// Finds and decodes a QR code in a PNG or JPEG file (or any format Leptonica reads) and returns its text as UTF-8.
// kInvalidArgument: a file over kMaxQrImageBytes or wider or taller than kMaxQrImageSide pixels, a file that does
// not decode as an image, "no QR code found". Thread-safe.
Result<std::string> DecodeQrFromImage(ByteView image_file);

// A PNG image of a QR code holding `text` (UTF-8, byte mode with the UTF-8 ECI): `module_pixels` pixels per
// module, a quiet zone of four modules. For tests and demos. kInvalidArgument: text that is not UTF-8 or does not
// fit a QR code, `module_pixels` outside 1-32. Thread-safe.
Result<Bytes> EncodeQrPng(std::string_view text, int module_pixels = 4);

}  // namespace precinct::identity
