#include "precinct/identity/dg13.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "codec/utf8.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

constexpr std::uint32_t kDg13Tag = 0x6D;

tl::unexpected<Error> Invalid(std::string message) {
    return Fail(ErrorCode::kInvalidArgument, "DG13: " + std::move(message), "dg13");
}

bool IsString(const Tlv& t) { return t.tag == kDerUtf8String || t.tag == kDerPrintableString; }

// The text of a string element; an error when its bytes are not UTF-8 (PrintableStrings are read as UTF-8 too:
// public readers decode them so, whatever the chip put there).
Result<std::string> Text(const Tlv& t, int field) {
    std::string text = ToString(t.value);
    if (!IsValidUtf8(text)) return Invalid(fmt::format("field {}: the string is not valid UTF-8", field));
    return text;
}

// One string, possibly wrapped in a SEQUENCE, or an empty SEQUENCE (""); nullopt for any other shape.
Result<std::optional<std::string>> NameIn(const Tlv& t, int field) {
    if (IsString(t)) {
        auto text = Text(t, field);
        if (!text) return Fail(text.error());
        return std::optional<std::string>(*text);
    }
    if (t.tag != kDerSequence) return std::optional<std::string>();
    auto inner = ReadAllTlv(t.value);
    if (!inner) return Invalid(fmt::format("field {}: {}", field, inner.error().message));
    if (inner->empty()) return std::optional<std::string>(std::string());
    if (inner->size() != 1 || !IsString((*inner)[0])) return std::optional<std::string>();
    auto text = Text((*inner)[0], field);
    if (!text) return Fail(text.error());
    return std::optional<std::string>(*text);
}

// The member of a text field, or nullptr (parents, spouse, unknown numbers). `D` is Dg13 or const Dg13.
template <class D>
auto TextMember(D& d, int field) -> decltype(&d.full_name) {
    switch (static_cast<Dg13Field>(field)) {
        case Dg13Field::kPersonalNumber: return &d.personal_number;
        case Dg13Field::kFullName: return &d.full_name;
        case Dg13Field::kDateOfBirth: return &d.date_of_birth;
        case Dg13Field::kSex: return &d.sex;
        case Dg13Field::kNationality: return &d.nationality;
        case Dg13Field::kEthnicity: return &d.ethnicity;
        case Dg13Field::kReligion: return &d.religion;
        case Dg13Field::kPlaceOfOrigin: return &d.place_of_origin;
        case Dg13Field::kPlaceOfResidence: return &d.place_of_residence;
        case Dg13Field::kIdentifyingMarks: return &d.identifying_marks;
        case Dg13Field::kIssueDate: return &d.issue_date;
        case Dg13Field::kExpiryDate: return &d.expiry_date;
        case Dg13Field::kOldIdNumber: return &d.old_id_number;
        case Dg13Field::kField16: return &d.field16;
        case Dg13Field::kParents:
        case Dg13Field::kSpouse: break;
    }
    return nullptr;
}

// Reads one entry's value (the elements after its INTEGER) into `out`. Returns false when the shape is not the
// expected one, so the caller keeps the raw bytes.
Result<bool> ReadValue(int field, const std::vector<Tlv>& values, Dg13& out) {
    if (field == static_cast<int>(Dg13Field::kParents)) {
        if (values.size() > 2) return false;
        std::array<std::optional<std::string>, 2> names;
        for (std::size_t i = 0; i < values.size(); ++i) {
            auto name = NameIn(values[i], field);
            if (!name) return Fail(name.error());
            if (!*name) return false;
            names[i] = **name;
        }
        out.father_name = names[0];
        out.mother_name = names[1];
        return true;
    }
    if (field == static_cast<int>(Dg13Field::kSpouse)) {
        if (values.empty()) {
            out.spouse_name = std::string();
            return true;
        }
        if (values.size() != 1) return false;
        auto name = NameIn(values[0], field);
        if (!name) return Fail(name.error());
        if (!*name) return false;
        out.spouse_name = **name;
        return true;
    }
    std::optional<std::string>* member = TextMember(out, field);
    if (member == nullptr) return false;
    if (values.empty()) {
        *member = std::string();
        return true;
    }
    if (values.size() != 1 || !IsString(values[0])) return false;
    auto text = Text(values[0], field);
    if (!text) return Fail(text.error());
    *member = *text;
    return true;
}

bool FitsPrintableString(std::string_view s) {
    static constexpr std::string_view kExtra = " '()+,-./:=?";
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               kExtra.find(c) != std::string_view::npos;
    });
}

Bytes StringElement(std::string_view text, bool printable_if_possible) {
    const std::uint32_t tag = printable_if_possible && FitsPrintableString(text) ? kDerPrintableString : kDerUtf8String;
    return EncodeTlv(tag, ToBytes(text));
}

Bytes Entry(int field, ByteView value) {
    return EncodeTlv(kDerSequence, Concat({EncodeTlv(kDerInteger, EncodeInteger(field)), value}));
}

}  // namespace

std::optional<std::string> OldIdNumber(const Dg13& dg13) {
    if (dg13.old_id_number && !dg13.old_id_number->empty()) return dg13.old_id_number;
    if (dg13.field16) {
        const std::string& f = *dg13.field16;
        const bool digits = !f.empty() && std::all_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits && (f.size() == 9 || f.size() == 12)) return f;
    }
    return std::nullopt;
}

Result<Dg13> ParseDg13(ByteView dg13) {
    if (dg13.size() > kMaxDg13Bytes) {
        return Invalid(fmt::format("{} bytes; at most {} accepted", dg13.size(), kMaxDg13Bytes));
    }
    auto outer = ReadSingleTlv(dg13, kDg13Tag, "DG13");
    if (!outer) return Fail(outer.error());
    auto entries = ReadAllTlv(outer->value);
    if (!entries) return Invalid(entries.error().message);
    Dg13 out;
    // One more SEQUENCE around all entries: read the entries inside it.
    if (entries->size() == 1 && (*entries)[0].tag == kDerSequence) {
        auto inner = ReadAllTlv((*entries)[0].value);
        if (inner && !inner->empty() && (*inner)[0].tag == kDerSequence) {
            out.warnings.emplace_back("the entries are wrapped in one more SEQUENCE");
            entries = std::move(inner);
        }
    }
    if (entries->size() > kMaxDg13Entries) {
        return Invalid(fmt::format("{} entries; at most {} accepted", entries->size(), kMaxDg13Entries));
    }
    std::set<int> seen;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const Tlv& entry = (*entries)[i];
        if (entry.tag != kDerSequence) {
            return Invalid(fmt::format("element {} is {}, expected a SEQUENCE (30)", i + 1, TagName(entry.tag)));
        }
        auto parts = ReadAllTlv(entry.value);
        if (!parts) return Invalid(fmt::format("entry {}: {}", i + 1, parts.error().message));
        if (parts->empty() || (*parts)[0].tag != kDerInteger) {
            return Invalid(fmt::format("entry {} does not start with its field number (INTEGER)", i + 1));
        }
        auto number = DecodeInteger((*parts)[0].value);
        if (!number || *number < 0 || *number > 255) {
            return Invalid(fmt::format("entry {}: the field number is not an INTEGER from 0 to 255", i + 1));
        }
        const int field = static_cast<int>(*number);
        if (!seen.insert(field).second) {
            out.warnings.push_back(fmt::format("field {} appears more than once; the first is kept", field));
            continue;
        }
        const std::vector<Tlv> values(parts->begin() + 1, parts->end());
        auto read = ReadValue(field, values, out);
        if (!read) return Fail(read.error());
        if (!*read) {
            const auto rest = entry.value.subspan((*parts)[0].raw.size());
            out.other[field] = Bytes(rest.begin(), rest.end());
            if (field >= 1 && field <= 16) {
                out.warnings.push_back(fmt::format("field {} is not shaped as expected; kept as raw bytes", field));
            }
        }
    }
    return out;
}

Bytes EncodeDg13(const Dg13& dg13) {
    std::vector<std::pair<int, Bytes>> entries;
    for (int field = 1; field <= 16; ++field) {
        if (field == static_cast<int>(Dg13Field::kParents)) {
            if (!dg13.father_name && !dg13.mother_name) continue;
            const Bytes father = EncodeTlv(kDerSequence, StringElement(dg13.father_name.value_or(""), false));
            const Bytes mother = EncodeTlv(kDerSequence, StringElement(dg13.mother_name.value_or(""), false));
            entries.emplace_back(field, Entry(field, Concat({father, mother})));
        } else if (field == static_cast<int>(Dg13Field::kSpouse)) {
            if (!dg13.spouse_name) continue;
            entries.emplace_back(field,
                                 Entry(field, dg13.spouse_name->empty()
                                                  ? Bytes()
                                                  : EncodeTlv(kDerSequence, StringElement(*dg13.spouse_name, false))));
        } else {
            const auto* member = TextMember(dg13, field);
            if (member == nullptr || !*member) continue;
            const bool printable =
                field == static_cast<int>(Dg13Field::kPersonalNumber) ||
                field == static_cast<int>(Dg13Field::kDateOfBirth) ||
                field == static_cast<int>(Dg13Field::kIssueDate) || field == static_cast<int>(Dg13Field::kExpiryDate) ||
                field == static_cast<int>(Dg13Field::kOldIdNumber) || field == static_cast<int>(Dg13Field::kField16);
            entries.emplace_back(field, Entry(field, StringElement(**member, printable)));
        }
    }
    const std::size_t named = entries.size();
    for (const auto& [field, raw] : dg13.other) {
        const bool written = std::any_of(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(named),
                                         [f = field](const auto& e) { return e.first == f; });
        if (!written) entries.emplace_back(field, Entry(field, raw));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Bytes body;
    for (const auto& [field, raw] : entries) body.insert(body.end(), raw.begin(), raw.end());
    return EncodeTlv(kDg13Tag, body);
}

}  // namespace precinct::identity
