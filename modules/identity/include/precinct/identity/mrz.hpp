#pragma once
// Machine-readable zones (ICAO Doc 9303 Parts 4-6): TD1 (3 x 30, ID cards such as the Vietnamese CCCD), TD2
// (2 x 36) and TD3 (2 x 44, passports). Every check digit is verified; a wrong one is reported, not refused.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"
// EF.COM and the LDS file table (lds.hpp) come with this header for its existing callers.
#include "precinct/identity/lds.hpp"

namespace precinct::identity {

enum class MrzFormat { kTd1, kTd2, kTd3 };
std::string_view MrzFormatName(MrzFormat format);  // "TD1", "TD2", "TD3"

struct MrzCheck {
    std::string field;  // "document_number", "date_of_birth", "date_of_expiry", "optional_data", "composite"
    bool ok = false;
};

struct Mrz {
    MrzFormat format = MrzFormat::kTd1;
    std::string document_code;   // "ID", "I<", "P<" (fillers kept: two characters)
    std::string issuing_state;   // "VNM"
    // Fillers stripped. A number longer than 9 characters (its check-digit position holds '<' and the rest
    // continues in the optional data, Part 5 section 4.2.2) is joined here.
    std::string document_number;
    std::string document_number_field;  // the 9 characters as printed (for BAC: see bac.hpp)
    std::string optional_data;    // TD1 line 1 / TD3 personal number, fillers stripped at the end
    std::string optional_data2;   // TD1 line 2
    std::string date_of_birth;    // YYMMDD
    std::string sex;              // "M", "F" or "<"
    std::string date_of_expiry;   // YYMMDD
    std::string nationality;
    std::string primary_identifier;    // surname, fillers as spaces
    std::string secondary_identifier;  // given names, fillers as spaces
    std::vector<std::string> lines;
    std::vector<MrzCheck> checks;

    bool AllChecksOk() const;
};

// Parses lines separated by "\n" (or "\r\n"), or all lines concatenated (90, 72 or 88 characters). Refused
// (kInvalidArgument): other lengths, lines of unequal length, characters outside A-Z 0-9 '<'. A check digit
// position holding anything but the right digit is a failed check in `checks`.
Result<Mrz> ParseMrz(std::string_view text);
// "NGUYEN VAN AN": the name as printed, fillers turned into spaces.
std::string FormatName(const Mrz& mrz);
// The Vietnamese CCCD TD1: the document number field holds the last 9 digits of the 12-digit personal number,
// which the optional data of line 1 carries in full (after the document number's check digit). The 12 digits, or
// nullopt when the MRZ is not of that shape.
std::optional<std::string> CccdPersonalNumber(const Mrz& mrz);

// DG1 = 61 { 5F1F <MRZ characters> }.
Result<Mrz> ParseDg1(ByteView dg1);
Bytes EncodeDg1(std::string_view mrz_characters);

}  // namespace precinct::identity
