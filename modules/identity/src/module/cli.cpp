// `precinct id …`: bac-keys, verify.
#include "precinct/identity/cli.hpp"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "json_codec.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/trust_store.hpp"
#include "precinct/identity/verify.hpp"

namespace precinct::identity {

namespace fs = std::filesystem;

namespace {

constexpr int kExitGenuine = 0;
constexpr int kExitNotGenuine = 1;
constexpr int kExitBadInput = 2;

int BadInput(const std::string& message) {
    std::cerr << "precinct id: " << message << "\n";
    return kExitBadInput;
}

Result<Bytes> ReadFile(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot read", path));
    if (size > max_bytes) return Fail(ErrorCode::kTooLarge, fmt::format("{}: larger than {} bytes", path, max_bytes));
    std::ifstream in(path, std::ios::binary);
    Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return bytes;
}

Status LoadTrust(const std::string& trust, TrustStore& store) {
    if (trust.empty()) return Ok();
    std::error_code ec;
    if (fs::is_directory(trust, ec)) return store.AddDirectory(trust);
    auto bytes = ReadFile(trust, 16u << 20);
    if (!bytes) return Fail(bytes.error());
    if (trust.size() > 4 && trust.compare(trust.size() - 4, 4, ".mls") == 0) {
        auto ml = store.AddMasterList(*bytes);
        if (!ml) return Fail(ml.error());
        return Ok();
    }
    return store.AddCertificate(*bytes);
}

Status WriteFaces(const VerificationReport& report, const std::string& dir) {
    if (dir.empty()) return Ok();
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (std::size_t i = 0; i < report.faces.size(); ++i) {
        std::ofstream out(fs::path(dir) / fmt::format("face{}.png", i + 1), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(report.faces[i].png.data()),
                  static_cast<std::streamsize>(report.faces[i].png.size()));
        if (!out) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot write the face images", dir));
    }
    return Ok();
}

int PrintReport(const VerificationReport& report, bool include_faces, const std::string& faces_dir) {
    if (auto s = WriteFaces(report, faces_dir); !s) return BadInput(s.error().message);
    std::cout << ReportJson(report, ReportJsonOptions{.include_faces = include_faces}).dump(2) << "\n";
    return report.verdict == Verdict::kGenuine ? kExitGenuine : kExitNotGenuine;
}

}  // namespace

int RunBacKeys(const BacKeysOptions& o) {
    auto keys = DeriveBacKeys(o.document_number, o.date_of_birth, o.date_of_expiry);
    if (!keys) return BadInput(keys.error().message);
    std::cout << "K_seed " << ToHex(keys->k_seed) << "\n"
              << "K_enc  " << ToHex(keys->k_enc) << "\n"
              << "K_mac  " << ToHex(keys->k_mac) << "\n";
    return 0;
}

int RunVerify(const VerifyCliOptions& o) {
    auto files = LoadDump(o.dump_dir);
    if (!files) return BadInput(files.error().message);
    TrustStore trust;
    if (auto s = LoadTrust(o.trust, trust); !s) return BadInput("--trust: " + s.error().message);
    ChipRead read;
    read.files = std::move(*files);
    read.session.live = false;
    read.session.reader = "dump " + fs::path(o.dump_dir).filename().string();
    read.session.access_control = "none";
    const auto report = Verify(read, trust, std::chrono::system_clock::now());
    return PrintReport(report, false, "");
}

}  // namespace precinct::identity
