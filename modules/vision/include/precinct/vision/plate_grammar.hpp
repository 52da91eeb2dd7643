#pragma once
// The Vietnamese licence-plate grammar (facts in shared/specs/plates.md): normalization of recognizer output,
// layout fitting with look-alike correction, locality codes before and after the 1 Jul 2025 province merger,
// look-alike keys and wildcard patterns for search. Pure functions over strings; safe to call from any thread.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace precinct::vision {

enum class PlateKind { kCar, kMotorbike, kTrailer, kDiplomatic, kTemporary };

// "car", "motorbike", "trailer", "diplomatic", "temporary".
std::string_view PlateKindName(PlateKind kind);

// A read that needs more characters changed or dropped than this is refused as noise.
inline constexpr int kMaxPlateCorrections = 2;
// The longest search pattern, counted after normalization (separators do not count).
inline constexpr std::size_t kMaxPlatePatternLength = 32;

// One plate as the grammar understands it.
struct PlateText {
    std::string text;          // normalized [0-9A-Z], rows concatenated top then bottom, Đ stored as D: "51F12345"
    std::string display;       // printed form on one line: "51F-123.45", "29X1-123.45", "29A-1234", "80-011-NG-01";
                               // the special series MĐ/TĐ are printed with the letter Đ (UTF-8): "29MĐ1-013.53"
    std::string locality;      // 2-digit locality code: "51"
    std::string series;        // "F", "X1", "LD", "MD1", "NG"; "T" for temporary plates
    std::string number;        // order number digits: "12345"
    std::string country_code;  // diplomatic plates only: the 3-digit country/organisation code, else empty
    std::string top_row;       // normalized row texts after correction; bottom_row empty for one-row plates
    std::string bottom_row;
    int rows = 1;  // rows of the physical plate: 2 when bottom_row is set
    PlateKind kind = PlateKind::kCar;
    std::string province;              // current province (34-province list from 1 Jul 2025), with diacritics
    std::string province_before_2025;  // the 63-province name the code had until 30 Jun 2025
    int corrections = 0;               // characters changed or dropped to make the read fit the grammar
};

// Uppercase, "Đ"/"đ" (UTF-8) -> 'D', drop everything not [0-9A-Z] (separators, spaces, other bytes).
std::string NormalizePlateText(std::string_view raw);

// The plate that a recognizer's raw row text(s) spell, or nullopt when no layout fits within
// kMaxPlateCorrections. `top` is the only row of a one-row plate or the top row of a two-row plate; `bottom` is
// the bottom row or empty. A two-row plate may also be passed flattened into `top`.
//
// Each correction costs 1: a look-alike substitution (digit slots: O/D/Q->0, I/L/T->1, Z->2, S->5, B->8,
// G->6, A->4; letter slots: 0/O/Q->D, 1/I->T, 2->Z, 4->A, 5->S, 6->G, 8->B, W->M) or dropping the first or the
// last character of a row (one at each end at most). The leading T of a temporary plate is never corrected.
// Among fits, the fewest corrections win; ties go to the layout printed with the row count that was given (a
// flattened two-row plate in `top` is accepted but loses such ties), then to 5-digit orders, then to fewer
// dropped characters, then to the first layout in the order car, trailer, diplomatic, temporary, motorbike
// (motorbike letter+digit before two-letter series). `rows` of the result is the physical plate's: 2 for a
// motorbike plate even when it was read flattened, the recognizer's split for diplomatic and temporary plates.
std::optional<PlateText> ReadPlate(std::string_view top, std::string_view bottom = {});

// Current and pre-merger province names of a 2-digit locality code; nullopt for unassigned or malformed codes.
// Code 80 (central registration by the Traffic Police Department) has the department's name in both fields.
struct Locality {
    std::string province;
    std::string province_before_2025;
};
std::optional<Locality> LookUpLocality(std::string_view code);

// A key where look-alike characters are one class (0/O/D/Q -> '0', 1/I/L -> '1', 2/Z -> '2', 5/S -> '5',
// 8/B -> '8', 6/G -> '6', 4/A -> '4'); two reads of one plate that differ only by look-alikes share the key.
// The input is normalized first.
std::string LookAlikeKey(std::string_view text);

// Whether normalized `plate_text` matches `pattern`: '*' any run (also empty), '?' one character, other
// characters normalized like plate text ("29A-123*" == "29a123*"). With look_alike, characters compare by their
// LookAlikeKey class. False for any pattern ValidatePlatePattern refuses (empty, too long, only wildcards).
bool MatchesPlatePattern(std::string_view pattern, std::string_view plate_text, bool look_alike);

// The normalized pattern, keeping '*' and '?' (runs of '*' collapsed to one); kInvalidArgument (field "pattern")
// when it is empty, longer than kMaxPlatePatternLength after normalization, or has no plate character at all.
Result<std::string> ValidatePlatePattern(std::string_view pattern);

}  // namespace precinct::vision
