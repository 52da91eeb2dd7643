#pragma once
// The logical data structure of an eMRTD chip (ICAO Doc 9303 Part 10): which elementary files exist, how they are
// selected (file id, short file id) and the outer tag each one's content starts with; EF.COM and DG15.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// One elementary file of the LDS (or EF.CardAccess, which lies in the master file beside the application).
struct LdsFileInfo {
    std::string_view name;           // "EF.COM", "EF.CardAccess", "EF.SOD", "DG1" ... "DG16"
    int data_group = 0;              // 1-16 for a data group, 0 for the other files
    std::uint16_t file_id = 0;       // DG n: 0x0100 + n; EF.COM 0x011E, EF.SOD 0x011D, EF.CardAccess 0x011C
    std::uint8_t short_file_id = 0;  // DG n: n; EF.COM 0x1E, EF.SOD 0x1D, EF.CardAccess 0x1C
    std::uint32_t tag = 0;           // outer tag of the content; 0 for EF.CardAccess (a bare SET, tag 0x31)
};

// The 19 files, in the order EF.COM, EF.CardAccess, EF.SOD, DG1 ... DG16.
std::span<const LdsFileInfo> LdsFiles();
// Lookups; nullopt when no file matches.
std::optional<LdsFileInfo> LdsFileForDataGroup(int data_group);
std::optional<LdsFileInfo> LdsFileForTag(std::uint32_t tag);
std::optional<LdsFileInfo> LdsFileForFileId(std::uint16_t file_id);
std::optional<LdsFileInfo> LdsFileForShortFileId(std::uint8_t short_file_id);
// By name, case-insensitively, with or without the "EF." prefix: "DG13", "dg13", "EF.SOD", "SOD", "CardAccess".
std::optional<LdsFileInfo> LdsFileForName(std::string_view name);
// The DG number whose file has outer tag `tag` (0x61 -> 1, 0x75 -> 2, 0x6D -> 13), or 0.
int DataGroupForTag(std::uint32_t tag);

// EF.COM = 60 { 5F01 LDS version, 5F36 Unicode version, 5C tag list }.
struct EfCom {
    std::string lds_version;       // "0107" (5F01: four digits, major and minor version)
    std::string unicode_version;   // "040000" (5F36: six digits); empty when the file has none
    std::vector<int> data_groups;  // from the tag list (5C), in its order
};
// Refused (kInvalidArgument): a wrong outer tag, trailing bytes, a missing 5F01 or 5C, a tag in the list that is
// not a data group, a repeated data group.
Result<EfCom> ParseCom(ByteView com);
// kInvalidArgument when the LDS version is not four digits, the Unicode version neither empty nor six digits, or a
// data group number outside 1-16.
Result<Bytes> EncodeCom(const EfCom& com);

// DG15 = 6F { SubjectPublicKeyInfo }: the active authentication public key. Returns the SubjectPublicKeyInfo DER
// (tag 30 included). Refused: an outer tag other than 6F, trailing bytes after the file or after the key, a key
// that is not SEQUENCE { SEQUENCE { OID, ... }, BIT STRING }. The key itself is not decoded here (see
// active_auth.hpp).
Result<Bytes> ParseDg15(ByteView dg15);
// 6F { spki }; kInvalidArgument when `spki_der` is not shaped as ParseDg15 requires.
Result<Bytes> EncodeDg15(ByteView spki_der);

}  // namespace precinct::identity
