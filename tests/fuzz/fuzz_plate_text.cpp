// Fuzz target: the plate grammar on untrusted text (a recognizer's rows, a search pattern). The input is split at
// the first newline into a top and a bottom row. Besides not crashing: a read plate is normalized text of 6 to 12
// characters [0-9A-Z] with a known locality code and at most kMaxPlateCorrections corrections, and its text matches
// itself as a pattern; look-alike keys keep the normalized length; a pattern that validates matches consistently.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "precinct/vision/plate_grammar.hpp"
#include "precinct/vision/plate_vote.hpp"

namespace pv = precinct::vision;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto nl = input.find('\n');
    const std::string_view top = input.substr(0, nl);
    const std::string_view bottom = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);

    if (pv::LookAlikeKey(input).size() != pv::NormalizePlateText(input).size()) std::abort();

    if (auto plate = pv::ReadPlate(top, bottom)) {
        const auto& t = plate->text;
        if (t.size() < 6 || t.size() > 12) std::abort();
        for (char c : t) {
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) std::abort();
        }
        if (plate->corrections < 0 || plate->corrections > pv::kMaxPlateCorrections) std::abort();
        if (plate->rows != 1 && plate->rows != 2) std::abort();
        if (!pv::LookUpLocality(plate->locality)) std::abort();
        if (!pv::MatchesPlatePattern(t, t, false) || !pv::MatchesPlatePattern(t, t, true)) std::abort();
        const pv::PlateObservation obs[] = {{*plate, 0.9}, {*plate, 0.4}};
        auto voted = pv::VotePlateReads(obs);
        if (!voted || voted->plate.text != t) std::abort();
    }

    if (auto pattern = pv::ValidatePlatePattern(top)) {
        if (pattern->empty() || pattern->size() > pv::kMaxPlatePatternLength) std::abort();
        const std::string plate = pv::NormalizePlateText(bottom);
        // A strict match is also a look-alike match.
        if (pv::MatchesPlatePattern(top, plate, false) && !pv::MatchesPlatePattern(top, plate, true)) std::abort();
    } else if (pv::MatchesPlatePattern(top, pv::NormalizePlateText(bottom), true)) {
        std::abort();  // a refused pattern matches nothing
    }
    return 0;
}
