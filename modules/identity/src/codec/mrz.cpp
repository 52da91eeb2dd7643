#include "precinct/identity/mrz.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "precinct/identity/check_digit.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

std::string StripFillers(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0 && s[end - 1] == '<') --end;
    return std::string(s.substr(0, end));
}

std::string FillersToSpaces(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(c == '<' ? ' ' : c);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    // Collapse runs of spaces left by the double filler between names.
    std::string collapsed;
    for (char c : out) {
        if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') continue;
        collapsed.push_back(c);
    }
    return collapsed;
}

// Whether `digit` is the check digit of `field`. A '<' check digit is accepted only for an all-filler field
// (optional data left empty, Part 3 section 4.9).
bool CheckOk(std::string_view field, char digit) {
    if (digit == '<') return field.find_first_not_of('<') == std::string_view::npos;
    auto cd = MrzCheckDigit(field);
    return cd && digit == static_cast<char>('0' + *cd);
}

void SplitName(std::string_view field, Mrz& mrz) {
    const auto sep = field.find("<<");
    if (sep == std::string_view::npos) {
        mrz.primary_identifier = FillersToSpaces(field);
        return;
    }
    mrz.primary_identifier = FillersToSpaces(field.substr(0, sep));
    mrz.secondary_identifier = FillersToSpaces(field.substr(sep + 2));
}

// Document number with the long-number rule of Doc 9303 Parts 5 and 6: a '<' check digit means the number
// continues in `optional` up to the first filler, the last character of that run being the real check digit;
// whatever follows the filler is further optional data.
void ReadDocumentNumber(std::string_view number9, char cd, std::string_view optional, Mrz& mrz) {
    mrz.document_number_field = std::string(number9);
    if (cd == '<' && !optional.empty()) {
        const std::string rest(optional.substr(0, std::min(optional.find('<'), optional.size())));
        if (!rest.empty()) {
            const std::string full = std::string(number9) + rest.substr(0, rest.size() - 1);
            mrz.document_number = StripFillers(full);
            mrz.checks.push_back({"document_number", CheckOk(full, rest.back())});
            return;
        }
    }
    mrz.document_number = StripFillers(number9);
    mrz.checks.push_back({"document_number", CheckOk(number9, cd)});
}

}  // namespace

std::string_view MrzFormatName(MrzFormat format) {
    switch (format) {
        case MrzFormat::kTd1: return "TD1";
        case MrzFormat::kTd2: return "TD2";
        case MrzFormat::kTd3: return "TD3";
    }
    return "TD1";
}

bool Mrz::AllChecksOk() const {
    for (const auto& c : checks) {
        if (!c.ok) return false;
    }
    return true;
}

Result<Mrz> ParseMrz(std::string_view text) {
    std::string joined;
    std::vector<std::size_t> line_lengths;
    std::size_t current = 0;
    for (char c : text) {
        if (c == '\r') continue;
        if (c == '\n') {
            if (current > 0) line_lengths.push_back(current);
            current = 0;
            continue;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<')) {
            const auto byte = static_cast<unsigned char>(c);
            const std::string shown = byte >= 0x20 && byte < 0x7F ? fmt::format("'{}'", c) : fmt::format("0x{:02X}", byte);
            return Fail(ErrorCode::kInvalidArgument, fmt::format("MRZ: character {} is not A-Z, 0-9 or '<'", shown),
                        "mrz");
        }
        joined.push_back(c);
        ++current;
        if (joined.size() > 90) return Fail(ErrorCode::kInvalidArgument, "MRZ: longer than 90 characters", "mrz");
    }
    if (current > 0) line_lengths.push_back(current);
    Mrz mrz;
    std::size_t width = 0;
    if (joined.size() == 90) {
        mrz.format = MrzFormat::kTd1;
        width = 30;
    } else if (joined.size() == 72) {
        mrz.format = MrzFormat::kTd2;
        width = 36;
    } else if (joined.size() == 88) {
        mrz.format = MrzFormat::kTd3;
        width = 44;
    } else {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("MRZ: {} characters; expected 90 (TD1), 72 (TD2) or 88 (TD3)", joined.size()),
                    "mrz");
    }
    if (line_lengths.size() > 1) {
        for (std::size_t len : line_lengths) {
            if (len != width) {
                return Fail(ErrorCode::kInvalidArgument,
                            fmt::format("MRZ: a line of {} characters in a {} MRZ ({} per line)", len,
                                        MrzFormatName(mrz.format), width),
                            "mrz");
            }
        }
    }
    for (std::size_t i = 0; i < joined.size(); i += width) mrz.lines.push_back(joined.substr(i, width));
    const std::string_view l1 = mrz.lines[0];
    const std::string_view l2 = mrz.lines[1];
    mrz.document_code = std::string(l1.substr(0, 2));
    mrz.issuing_state = StripFillers(l1.substr(2, 3));
    if (mrz.format == MrzFormat::kTd1) {
        const std::string_view l3 = mrz.lines[2];
        ReadDocumentNumber(l1.substr(5, 9), l1[14], l1.substr(15, 15), mrz);
        mrz.optional_data = StripFillers(l1.substr(15, 15));
        mrz.date_of_birth = std::string(l2.substr(0, 6));
        mrz.checks.push_back({"date_of_birth", CheckOk(l2.substr(0, 6), l2[6])});
        mrz.sex = std::string(1, l2[7]);
        mrz.date_of_expiry = std::string(l2.substr(8, 6));
        mrz.checks.push_back({"date_of_expiry", CheckOk(l2.substr(8, 6), l2[14])});
        mrz.nationality = StripFillers(l2.substr(15, 3));
        mrz.optional_data2 = StripFillers(l2.substr(18, 11));
        const std::string composite = std::string(l1.substr(5, 25)) + std::string(l2.substr(0, 7)) +
                                      std::string(l2.substr(8, 7)) + std::string(l2.substr(18, 11));
        mrz.checks.push_back({"composite", CheckOk(composite, l2[29])});
        SplitName(l3, mrz);
        // Vietnamese CCCD: optional data = the 12-digit personal number, "<<", and at position 30 that number's
        // check digit (observed on a public card sample; not in Doc 9303).
        if (mrz.issuing_state == "VNM" && l1.substr(15, 12).find_first_not_of("0123456789") == std::string_view::npos &&
            l1.substr(27, 2) == "<<") {
            mrz.checks.push_back({"personal_number", CheckOk(l1.substr(15, 12), l1[29])});
        }
    } else {
        // TD2 and TD3 share line 1 (code, state, name) and the start of line 2.
        SplitName(l1.substr(5), mrz);
        const std::size_t optional_len = mrz.format == MrzFormat::kTd3 ? 14 : 7;
        ReadDocumentNumber(l2.substr(0, 9), l2[9], mrz.format == MrzFormat::kTd2 ? l2.substr(28, 7) : "", mrz);
        mrz.nationality = StripFillers(l2.substr(10, 3));
        mrz.date_of_birth = std::string(l2.substr(13, 6));
        mrz.checks.push_back({"date_of_birth", CheckOk(l2.substr(13, 6), l2[19])});
        mrz.sex = std::string(1, l2[20]);
        mrz.date_of_expiry = std::string(l2.substr(21, 6));
        mrz.checks.push_back({"date_of_expiry", CheckOk(l2.substr(21, 6), l2[27])});
        mrz.optional_data = StripFillers(l2.substr(28, optional_len));
        if (mrz.format == MrzFormat::kTd3) {
            mrz.checks.push_back({"optional_data", CheckOk(l2.substr(28, 14), l2[42])});
            const std::string composite = std::string(l2.substr(0, 10)) + std::string(l2.substr(13, 7)) +
                                          std::string(l2.substr(21, 22));
            mrz.checks.push_back({"composite", CheckOk(composite, l2[43])});
        } else {
            const std::string composite = std::string(l2.substr(0, 10)) + std::string(l2.substr(13, 7)) +
                                          std::string(l2.substr(21, 14));
            mrz.checks.push_back({"composite", CheckOk(composite, l2[35])});
        }
    }
    return mrz;
}

std::string FormatName(const Mrz& mrz) {
    if (mrz.secondary_identifier.empty()) return mrz.primary_identifier;
    return mrz.primary_identifier + " " + mrz.secondary_identifier;
}

std::optional<std::string> CccdPersonalNumber(const Mrz& mrz) {
    if (mrz.format != MrzFormat::kTd1 || mrz.issuing_state != "VNM") return std::nullopt;
    const std::string& opt = mrz.optional_data;
    if (opt.size() < 12) return std::nullopt;
    const std::string number = opt.substr(0, 12);
    for (char c : number) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    if (number.substr(3) != mrz.document_number) return std::nullopt;
    return number;
}

Result<Mrz> ParseDg1(ByteView dg1) {
    auto outer = ReadSingleTlv(dg1, 0x61, "DG1");
    if (!outer) return Fail(outer.error());
    auto inner = ReadSingleTlv(outer->value, 0x5F1F, "DG1 MRZ data object");
    if (!inner) return Fail(inner.error());
    auto mrz = ParseMrz(ToString(inner->value));
    if (!mrz) return Fail(ErrorCode::kInvalidArgument, "DG1: " + mrz.error().message);
    return mrz;
}

Bytes EncodeDg1(std::string_view mrz_characters) {
    return EncodeTlv(0x61, EncodeTlv(0x5F1F, ToBytes(mrz_characters)));
}

}  // namespace precinct::identity
