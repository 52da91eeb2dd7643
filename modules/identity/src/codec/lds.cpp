#include "precinct/identity/lds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

constexpr std::array<LdsFileInfo, 19> kFiles = {{
    {"EF.COM", 0, 0x011E, 0x1E, 0x60}, {"EF.CardAccess", 0, 0x011C, 0x1C, 0}, {"EF.SOD", 0, 0x011D, 0x1D, 0x77},
    {"DG1", 1, 0x0101, 0x01, 0x61},    {"DG2", 2, 0x0102, 0x02, 0x75},        {"DG3", 3, 0x0103, 0x03, 0x63},
    {"DG4", 4, 0x0104, 0x04, 0x76},    {"DG5", 5, 0x0105, 0x05, 0x65},        {"DG6", 6, 0x0106, 0x06, 0x66},
    {"DG7", 7, 0x0107, 0x07, 0x67},    {"DG8", 8, 0x0108, 0x08, 0x68},        {"DG9", 9, 0x0109, 0x09, 0x69},
    {"DG10", 10, 0x010A, 0x0A, 0x6A},  {"DG11", 11, 0x010B, 0x0B, 0x6B},      {"DG12", 12, 0x010C, 0x0C, 0x6C},
    {"DG13", 13, 0x010D, 0x0D, 0x6D},  {"DG14", 14, 0x010E, 0x0E, 0x6E},      {"DG15", 15, 0x010F, 0x0F, 0x6F},
    {"DG16", 16, 0x0110, 0x10, 0x70},
}};

template <class Pred>
std::optional<LdsFileInfo> FindFile(Pred pred) {
    for (const auto& f : kFiles) {
        if (pred(f)) return f;
    }
    return std::nullopt;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool AllDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Checks SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } down to
// the algorithm OID, with nothing after the SEQUENCE.
Status CheckSpkiShape(ByteView spki, std::string_view what) {
    auto seq = ReadSingleTlv(spki, kDerSequence, what);
    if (!seq) return Fail(seq.error());
    auto parts = ReadAllTlv(seq->value);
    if (!parts) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", what, parts.error().message));
    if (parts->size() != 2 || (*parts)[0].tag != kDerSequence || (*parts)[1].tag != kDerBitString) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("{}: not a SubjectPublicKeyInfo (SEQUENCE {{ AlgorithmIdentifier, BIT STRING }})", what));
    }
    auto algorithm = ReadAllTlv((*parts)[0].value);
    if (!algorithm || algorithm->empty() || (*algorithm)[0].tag != kDerOid || !DecodeOid((*algorithm)[0].value)) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: the key's AlgorithmIdentifier has no OID", what));
    }
    if ((*parts)[1].value.empty()) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: the key's BIT STRING is empty", what));
    }
    return Ok();
}

}  // namespace

std::span<const LdsFileInfo> LdsFiles() { return kFiles; }

std::optional<LdsFileInfo> LdsFileForDataGroup(int data_group) {
    if (data_group < 1 || data_group > 16) return std::nullopt;
    return FindFile([&](const LdsFileInfo& f) { return f.data_group == data_group; });
}

std::optional<LdsFileInfo> LdsFileForTag(std::uint32_t tag) {
    if (tag == 0) return std::nullopt;
    return FindFile([&](const LdsFileInfo& f) { return f.tag == tag; });
}

std::optional<LdsFileInfo> LdsFileForFileId(std::uint16_t file_id) {
    return FindFile([&](const LdsFileInfo& f) { return f.file_id == file_id; });
}

std::optional<LdsFileInfo> LdsFileForShortFileId(std::uint8_t short_file_id) {
    return FindFile([&](const LdsFileInfo& f) { return f.short_file_id == short_file_id; });
}

std::optional<LdsFileInfo> LdsFileForName(std::string_view name) {
    return FindFile([&](const LdsFileInfo& f) {
        if (EqualsIgnoreCase(f.name, name)) return true;
        return f.name.starts_with("EF.") && EqualsIgnoreCase(f.name.substr(3), name);
    });
}

int DataGroupForTag(std::uint32_t tag) {
    auto file = LdsFileForTag(tag);
    return file ? file->data_group : 0;
}

Result<EfCom> ParseCom(ByteView com) {
    auto outer = ReadSingleTlv(com, 0x60, "EF.COM");
    if (!outer) return Fail(outer.error());
    auto items = ReadAllTlv(outer->value);
    if (!items) return Fail(ErrorCode::kInvalidArgument, "EF.COM: " + items.error().message);
    EfCom out;
    auto version = FindTlv(*items, 0x5F01);
    auto unicode = FindTlv(*items, 0x5F36);
    auto list = FindTlv(*items, 0x5C);
    if (!version || !list) {
        return Fail(ErrorCode::kInvalidArgument, "EF.COM: LDS version (5F01) or tag list (5C) missing");
    }
    out.lds_version = ToString(version->value);
    if (unicode) out.unicode_version = ToString(unicode->value);
    for (std::uint8_t tag : list->value) {
        const int n = DataGroupForTag(tag);
        if (n == 0) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("EF.COM: tag {:02X} is not a data group", tag));
        }
        if (std::find(out.data_groups.begin(), out.data_groups.end(), n) != out.data_groups.end()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("EF.COM: DG{} is listed twice", n));
        }
        out.data_groups.push_back(n);
    }
    return out;
}

Result<Bytes> EncodeCom(const EfCom& com) {
    if (com.lds_version.size() != 4 || !AllDigits(com.lds_version)) {
        return Fail(ErrorCode::kInvalidArgument, "EF.COM: the LDS version must be four digits (\"0107\")");
    }
    if (!com.unicode_version.empty() && (com.unicode_version.size() != 6 || !AllDigits(com.unicode_version))) {
        return Fail(ErrorCode::kInvalidArgument, "EF.COM: the Unicode version must be six digits (\"040000\")");
    }
    Bytes tags;
    for (int n : com.data_groups) {
        auto file = LdsFileForDataGroup(n);
        if (!file) return Fail(ErrorCode::kInvalidArgument, fmt::format("EF.COM: DG{} is not a data group", n));
        tags.push_back(static_cast<std::uint8_t>(file->tag));
    }
    Bytes body = EncodeTlv(0x5F01, ToBytes(com.lds_version));
    if (!com.unicode_version.empty()) {
        const Bytes unicode = EncodeTlv(0x5F36, ToBytes(com.unicode_version));
        body.insert(body.end(), unicode.begin(), unicode.end());
    }
    const Bytes list = EncodeTlv(0x5C, tags);
    body.insert(body.end(), list.begin(), list.end());
    return EncodeTlv(0x60, body);
}

Result<Bytes> ParseDg15(ByteView dg15) {
    auto outer = ReadSingleTlv(dg15, 0x6F, "DG15");
    if (!outer) return Fail(outer.error());
    if (auto ok = CheckSpkiShape(outer->value, "DG15 public key"); !ok) return Fail(ok.error());
    return Bytes(outer->value.begin(), outer->value.end());
}

Result<Bytes> EncodeDg15(ByteView spki_der) {
    if (auto ok = CheckSpkiShape(spki_der, "DG15 public key"); !ok) return Fail(ok.error());
    return EncodeTlv(0x6F, spki_der);
}

}  // namespace precinct::identity
