#pragma once
// DG13 of the Vietnamese CCCD: the holder's personal data in Vietnamese. Not published by the issuer; this follows
// what public open-source readers decode (see the DG13 layout notes of the test vectors) and is unconfirmed on a
// real card:
//   6D { 30 { 02 01 NN, <value> } ... }
// one SEQUENCE per field, the INTEGER NN naming the field, the value a UTF8String (0C) or PrintableString (13)
// holding UTF-8 text. Field 13 (parents) holds two SEQUENCEs each with one string: father, then mother. Field 14
// (spouse) holds an optional SEQUENCE with one string, and is empty for an unmarried holder.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// Field numbers (NN).
enum class Dg13Field : int {
    kPersonalNumber = 1,
    kFullName = 2,
    kDateOfBirth = 3,
    kSex = 4,
    kNationality = 5,
    kEthnicity = 6,
    kReligion = 7,
    kPlaceOfOrigin = 8,
    kPlaceOfResidence = 9,
    kIdentifyingMarks = 10,
    kIssueDate = 11,
    kExpiryDate = 12,
    kParents = 13,
    kSpouse = 14,
    kOldIdNumber = 15,
    kField16 = 16,
};

// Every field is as stored on the chip (UTF-8, not normalized); nullopt when the chip has no such entry.
struct Dg13 {
    std::optional<std::string> personal_number;  // 1: 12 digits
    std::optional<std::string> full_name;        // 2: "NGUYỄN VĂN AN"
    std::optional<std::string> date_of_birth;    // 3: "dd/mm/yyyy"
    std::optional<std::string> sex;              // 4: "Nam" / "Nữ"
    std::optional<std::string> nationality;      // 5: "Việt Nam"
    std::optional<std::string> ethnicity;        // 6: "Kinh"
    std::optional<std::string> religion;         // 7: "Không"
    // 8: place of origin (quê quán); on cards from 2024 possibly the place of birth registration (unconfirmed).
    std::optional<std::string> place_of_origin;
    std::optional<std::string> place_of_residence;  // 9
    std::optional<std::string> identifying_marks;   // 10
    std::optional<std::string> issue_date;          // 11: "dd/mm/yyyy"
    std::optional<std::string> expiry_date;         // 12: "dd/mm/yyyy"; text for a card without expiry (unconfirmed)
    std::optional<std::string> father_name;         // 13, first name
    std::optional<std::string> mother_name;         // 13, second name
    // 14: "" when the entry is present but empty (unmarried), nullopt when there is no entry.
    std::optional<std::string> spouse_name;
    // 15: the old 9-digit CMND number, per the CCCD spec notes. The DG13 layout notes put the old number in field 16
    // instead; which one a card uses is unconfirmed (see OldIdNumber()).
    std::optional<std::string> old_id_number;
    // 16: meaning unconfirmed ("old ID number" in one reader, "unknown" in another).
    std::optional<std::string> field16;
    // Entries with other numbers, and known numbers whose value is not a string: the DER of everything after the
    // INTEGER, as stored.
    std::map<int, Bytes> other;
    // What the parser tolerated (an entry repeated, a known field holding something other than a string).
    std::vector<std::string> warnings;
};

// The old CMND number: field 15, else field 16 when it is 9 or 12 digits; nullopt otherwise.
std::optional<std::string> OldIdNumber(const Dg13& dg13);

// Limits: entries in one DG13, bytes in one DG13.
inline constexpr std::size_t kMaxDg13Entries = 64;
inline constexpr std::size_t kMaxDg13Bytes = 64u << 10;

// Reads DG13. Lengths may take the long form. kInvalidArgument, naming what is wrong: a wrong outer tag, trailing
// bytes after the file, an element that is not a SEQUENCE, an entry that does not start with an INTEGER from 0 to
// 255, a string that is not UTF-8, more than kMaxDg13Entries entries, a file over kMaxDg13Bytes. Tolerated and
// noted in `warnings`: a known field whose value is not shaped as above (kept in `other`), a repeated entry (the
// first wins), all entries wrapped in one more SEQUENCE.
Result<Dg13> ParseDg13(ByteView dg13);

// The DG13 of `dg13`: entries in field-number order; the personal number, the dates, the old ID number and field
// 16 as PrintableString when their characters allow it (as observed), all other text as UTF8String; `other`
// entries as stored (a known field with a value in both places is written once, from the named member).
// `warnings` is ignored.
Bytes EncodeDg13(const Dg13& dg13);

}  // namespace precinct::identity
