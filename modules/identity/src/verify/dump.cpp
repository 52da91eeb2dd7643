// Dump folders: the elementary files of a chip, one file each.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>

#include "precinct/identity/verify.hpp"

namespace precinct::identity {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxDumpFileBytes = 1u << 20;
constexpr int kMaxDumpFiles = 32;
constexpr int kCom = 0;
constexpr int kSod = -1;
constexpr int kCardAccess = -2;

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Which elementary file a dump file name stands for, or nullopt for a name this format does not use.
std::optional<int> FileNumber(const std::string& file_name) {
    std::string name = Lower(file_name);
    for (const char* ext : {".bin", ".der", ".dat"}) {
        std::string e = ext;
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
            name.resize(name.size() - e.size());
            break;
        }
    }
    for (const char* prefix : {"ef_", "ef.", "ef"}) {
        if (name.rfind(prefix, 0) == 0 && name.size() > std::string(prefix).size()) {
            name = name.substr(std::string(prefix).size());
            break;
        }
    }
    if (name == "com") return kCom;
    if (name == "sod") return kSod;
    if (name == "cardaccess" || name == "card_access") return kCardAccess;
    for (const char* prefix : {"datagroup", "dg"}) {
        if (name.rfind(prefix, 0) == 0) {
            std::string digits = name.substr(std::string(prefix).size());
            if (digits.empty() || digits.size() > 2 ||
                !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
                return std::nullopt;
            }
            int n = std::stoi(digits);
            if (n >= 1 && n <= 16) return n;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// Certificates and notes kept beside a dump (the document signer's certificate, a README) are not chip files.
bool IsCompanionFile(const std::string& file_name) {
    const std::string name = Lower(file_name);
    for (const char* ext : {".cer", ".crt", ".pem", ".crl", ".mls", ".txt", ".md", ".json"}) {
        const std::string e = ext;
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) return true;
    }
    return false;
}

}  // namespace

std::string DumpFileName(int number) {
    if (number == kCom) return "EF_COM.bin";
    if (number == kSod) return "EF_SOD.bin";
    if (number == kCardAccess) return "EF_CardAccess.bin";
    return fmt::format("DG{}.bin", number);
}

Result<ChipFiles> ChipFilesFromNamed(std::vector<std::pair<std::string, Bytes>> named) {
    if (named.size() > static_cast<std::size_t>(kMaxDumpFiles)) {
        return Fail(ErrorCode::kTooLarge, fmt::format("dump: more than {} files", kMaxDumpFiles), "dump");
    }
    ChipFiles files;
    for (auto& [name, bytes] : named) {
        auto number = FileNumber(name);
        if (!number) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("dump: {} is not an elementary file name (expected EF_COM.bin, EF_SOD.bin, "
                                    "EF_CardAccess.bin or DG1.bin … DG16.bin)",
                                    name),
                        "dump");
        }
        if (bytes.size() > kMaxDumpFileBytes) {
            return Fail(ErrorCode::kTooLarge, fmt::format("dump: {} is larger than 1 MiB", name), "dump");
        }
        std::optional<Bytes>* slot = nullptr;
        if (*number == kCom) slot = &files.com;
        if (*number == kSod) slot = &files.sod;
        if (*number == kCardAccess) slot = &files.card_access;
        const bool duplicate = slot ? slot->has_value() : files.groups.count(*number) > 0;
        if (duplicate) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("dump: two files stand for {}", DumpFileName(*number)), "dump");
        }
        if (slot) {
            *slot = std::move(bytes);
        } else {
            files.groups[*number] = std::move(bytes);
        }
    }
    if (!files.sod) {
        return Fail(ErrorCode::kInvalidArgument, "dump: no EF.SOD (EF_SOD.bin): nothing can be verified", "dump");
    }
    return files;
}

Result<ChipFiles> LoadDump(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("dump: {} is not a folder", dir), "dump");
    }
    std::vector<std::pair<std::string, Bytes>> named;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (name.empty() || name[0] == '.' || IsCompanionFile(name)) continue;
        if (named.size() >= static_cast<std::size_t>(kMaxDumpFiles)) {
            return Fail(ErrorCode::kTooLarge, fmt::format("dump: more than {} files", kMaxDumpFiles), "dump");
        }
        const auto size = entry.file_size(ec);
        if (ec || size > kMaxDumpFileBytes) {
            return Fail(ErrorCode::kTooLarge, fmt::format("dump: {} is larger than 1 MiB", name), "dump");
        }
        std::ifstream in(entry.path(), std::ios::binary);
        Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (in.bad()) return Fail(ErrorCode::kInvalidArgument, fmt::format("dump: cannot read {}", name), "dump");
        named.emplace_back(name, std::move(bytes));
    }
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("dump: cannot list {}", dir), "dump");
    return ChipFilesFromNamed(std::move(named));
}

Status WriteDump(const ChipFiles& files, const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("dump: cannot create {}", dir), "out");
    auto write = [&dir](int number, const Bytes& bytes) -> Status {
        std::ofstream out(fs::path(dir) / DumpFileName(number), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out) return Fail(ErrorCode::kInvalidArgument, fmt::format("dump: cannot write into {}", dir), "out");
        return Ok();
    };
    if (files.com) {
        if (auto s = write(kCom, *files.com); !s) return s;
    }
    if (files.sod) {
        if (auto s = write(kSod, *files.sod); !s) return s;
    }
    if (files.card_access) {
        if (auto s = write(kCardAccess, *files.card_access); !s) return s;
    }
    for (const auto& [n, bytes] : files.groups) {
        if (auto s = write(n, bytes); !s) return s;
    }
    return Ok();
}

}  // namespace precinct::identity
