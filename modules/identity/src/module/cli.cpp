// `precinct id …`: bac-keys, verify, read, readers, demo-dump, printed.
#include "precinct/identity/cli.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "json_codec.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/chip_reader.hpp"
#include "precinct/identity/mrz.hpp"
#include "precinct/identity/pcsc_transport.hpp"
#include "precinct/identity/personal_number.hpp"
#include "precinct/identity/qr.hpp"
#include "precinct/identity/software_card.hpp"
#include "precinct/identity/trust_store.hpp"
#include "precinct/identity/verify.hpp"
#include "precinct/identity/virtual_card.hpp"

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

// "DOCUMENT,YYMMDD,YYMMDD" or a whole MRZ (lines separated by newlines).
Result<AccessKey> MrzAccessKey(const std::string& text) {
    const auto first = text.find(',');
    if (first != std::string::npos) {
        const auto second = text.find(',', first + 1);
        if (second == std::string::npos || text.find(',', second + 1) != std::string::npos) {
            return Fail(ErrorCode::kInvalidArgument, "--mrz: DOCUMENT,YYMMDD,YYMMDD or the MRZ text");
        }
        return AccessKey::Mrz(text.substr(0, first), text.substr(first + 1, second - first - 1),
                              text.substr(second + 1));
    }
    auto mrz = ParseMrz(text);
    if (!mrz) return Fail(ErrorCode::kInvalidArgument, "--mrz: " + mrz.error().message);
    return AccessKey::Mrz(mrz->document_number, mrz->date_of_birth, mrz->date_of_expiry);
}

// Writes the software cards' test CSCA to `dir`/test-csca.pem (nothing when `dir` is empty), whole or not at all:
// a program waiting for the file never reads half of it.
Status WriteTestCsca(const SoftwareCardFactory& factory, const std::string& dir) {
    if (dir.empty()) return Ok();
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path final_path = fs::path(dir) / "test-csca.pem";
    const fs::path part = fs::path(dir) / "test-csca.pem.part";
    {
        std::ofstream out(part, std::ios::trunc);
        out << factory.CscaCertificatePem();
        if (!out) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot write the test CSCA", dir));
    }
    fs::rename(part, final_path, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: cannot write the test CSCA", dir));
    return Ok();
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
    return PrintReport(report, o.include_faces, o.faces_dir);
}

int RunRead(const ReadCliOptions& o) {
    if (!o.mrz.empty() && !o.can.empty()) return BadInput("give one of --mrz and --can, not both");
    const bool software = o.reader.rfind("software:", 0) == 0;
    if (!software && o.mrz.empty() && o.can.empty()) return BadInput("give --mrz or --can");
    TrustStore trust;
    if (auto s = LoadTrust(o.trust, trust); !s) return BadInput("--trust: " + s.error().message);
    const auto now = std::chrono::system_clock::now();
    std::unique_ptr<CardTransport> card;
    std::optional<AccessKey> key;
    if (software) {
        auto variant = ParseCardVariant(o.reader.substr(9));
        if (!variant) return BadInput("--reader: software:genuine, software:cloned, software:altered or software:expired");
        auto factory = SoftwareCardFactory::Create(now);
        if (!factory) return BadInput(factory.error().message);
        // The software cards are signed by a throw-away test CSCA made just now: trust it for this run only.
        if (auto s = trust.AddCertificate(factory->CscaCertificateDer()); !s) return BadInput(s.error().message);
        auto made = factory->Make(*variant);
        if (!made) return BadInput(made.error().message);
        card = std::move(*made);
        if (o.mrz.empty() && o.can.empty()) {
            // No access data given: use what this test card prints, as an officer would type it.
            const SoftwareCardProfile printed = factory->PrintedProfile(*variant);
            key = AccessKey::Mrz(printed.document_number, printed.date_of_birth, printed.date_of_expiry);
            std::cerr << fmt::format("precinct id: software card: MRZ access data printed on it {},{},{}\n",
                                     printed.document_number, printed.date_of_birth, printed.date_of_expiry);
        }
    } else {
        const std::string name = o.reader.rfind("pcsc:", 0) == 0 ? o.reader.substr(5) : o.reader;
        auto connected = ConnectPcsc(name);
        if (!connected) {
            std::cerr << "precinct id: " << connected.error().message << "\n";
            return kExitNotGenuine;
        }
        card = std::move(*connected);
    }
    if (!key) {
        Result<AccessKey> given = o.can.empty() ? MrzAccessKey(o.mrz) : Result<AccessKey>(AccessKey::Can(o.can));
        if (!given) return BadInput(given.error().message);
        key = *given;
    }
    auto read = ReadChip(*card, *key);
    if (!read) {
        std::cerr << "precinct id: " << read.error().message << "\n";
        return kExitNotGenuine;
    }
    if (!o.out_dir.empty()) {
        if (auto s = WriteDump(read->files, o.out_dir); !s) return BadInput(s.error().message);
    }
    const auto report = Verify(*read, trust, now);
    return PrintReport(report, o.include_faces, o.faces_dir);
}

int RunReaders() {
    auto factory = SoftwareCardFactory::Create(std::chrono::system_clock::now());
    if (factory) {
        for (CardVariant v : {CardVariant::kGenuine, CardVariant::kCloned, CardVariant::kAltered,
                              CardVariant::kExpired}) {
            const SoftwareCardProfile p = factory->PrintedProfile(v);
            std::cout << fmt::format("software:{:<8}  thẻ thử nghiệm / test card  MRZ {},{},{}  CAN {}\n",
                                     CardVariantName(v), p.document_number, p.date_of_birth, p.date_of_expiry,
                                     p.can);
        }
    }
    auto readers = ListPcscReaders();
    if (!readers) {
        std::cerr << "precinct id: PC/SC: " << readers.error().message << "\n";
        return 1;
    }
    for (const auto& r : *readers) std::cout << "pcsc: " << r << "\n";
    if (readers->empty()) std::cerr << "precinct id: PC/SC: no card reader found\n";
    return 0;
}

int RunDemoDump(const DemoDumpOptions& o) {
    auto variant = ParseCardVariant(o.variant);
    if (!variant) return BadInput("--variant: genuine, cloned, altered or expired");
    auto factory = SoftwareCardFactory::Create(std::chrono::system_clock::now());
    if (!factory) return BadInput(factory.error().message);
    auto card = factory->Make(*variant);
    if (!card) return BadInput(card.error().message);
    if (auto s = WriteDump((*card)->Files(), o.out_dir); !s) return BadInput(s.error().message);
    if (auto s = WriteTestCsca(*factory, o.trust_out); !s) return BadInput(s.error().message);
    const auto profile = factory->PrintedProfile(*variant);
    std::cout << fmt::format(
        "Wrote the files of software card '{}' to {}{}.\nMRZ access: {},{},{}  CAN: {}\n"
        "Chứng thư CSCA thử nghiệm chỉ dùng để thử, không bao giờ tin cậy cho thẻ thật / "
        "the test CSCA is for trials only, never trust it for real cards.\n",
        o.variant, o.out_dir, o.trust_out.empty() ? "" : " and its test CSCA to " + o.trust_out,
        profile.document_number, profile.date_of_birth, profile.date_of_expiry, profile.can);
    return 0;
}

int RunVirtualCard(const VirtualCardCliOptions& o) {
    auto variant = ParseCardVariant(o.variant);
    if (!variant) return BadInput("--variant: genuine, cloned, altered or expired");
    if (o.port < 1 || o.port > 65535) return BadInput("--port: 1 to 65535");
    auto factory = SoftwareCardFactory::Create(std::chrono::system_clock::now());
    if (!factory) return BadInput(factory.error().message);
    if (auto s = WriteTestCsca(*factory, o.trust_out); !s) return BadInput(s.error().message);
    const auto printed = factory->PrintedProfile(*variant);
    std::cerr << fmt::format(
        "precinct id: software card '{}' going into the vpcd reader at 127.0.0.1:{} (PC/SC reader \"Virtual PCD 00 "
        "{:02d}\"); MRZ access {},{},{}, CAN {}. Thẻ thử nghiệm, không phải giấy tờ thật / a test card, not a real "
        "document.\n",
        o.variant, o.port, o.port - 35963, printed.document_number, printed.date_of_birth, printed.date_of_expiry,
        printed.can);
    const CardMaker maker = [&]() { return factory->Make(*variant); };
    VirtualCardOptions options;
    options.port = static_cast<std::uint16_t>(o.port);
    std::atomic<bool> stop{false};
    if (auto s = ServeVirtualCard(maker, options, stop); !s) {
        std::cerr << "precinct id: " << s.error().message << "\n";
        return 1;
    }
    return 0;
}

int RunPrinted(const PrintedOptions& o) {
    Json out = Json::object();
    bool all_ok = true;
    if (!o.mrz.empty()) {
        std::string text = o.mrz;
        for (std::size_t p = text.find("\\n"); p != std::string::npos; p = text.find("\\n")) text.replace(p, 2, "\n");
        auto mrz = ParseMrz(text);
        if (!mrz) return BadInput("--mrz: " + mrz.error().message);
        Json checks = Json::array();
        for (const auto& c : mrz->checks) {
            checks.push_back(Json{{"field", c.field}, {"ok", c.ok}});
            all_ok = all_ok && c.ok;
        }
        out["mrz"] = Json{{"document_code", mrz->document_code},
                          {"issuing_state", mrz->issuing_state},
                          {"document_number", mrz->document_number},
                          {"date_of_birth", mrz->date_of_birth},
                          {"sex", mrz->sex},
                          {"date_of_expiry", mrz->date_of_expiry},
                          {"nationality", mrz->nationality},
                          {"name", FormatName(*mrz)},
                          {"personal_number", CccdPersonalNumber(*mrz).value_or("")},
                          {"checks", checks}};
    }
    std::string number = o.number;
    std::string dob = o.date_of_birth;
    if (number.empty() && out.contains("mrz")) number = out["mrz"]["personal_number"].get<std::string>();
    if (!o.qr_text.empty() || !o.qr_image.empty()) {
        std::string text = o.qr_text;
        if (!o.qr_image.empty()) {
            auto image = ReadFile(o.qr_image, 20u << 20);
            if (!image) return BadInput(image.error().message);
            auto decoded = DecodeQrFromImage(*image);
            if (!decoded) return BadInput("--qr-image: " + decoded.error().message);
            text = *decoded;
        }
        auto qr = ParseCccdQr(text);
        if (!qr) return BadInput("QR: " + qr.error().message);
        out["qr"] = Json{{"personal_number", qr->personal_number}, {"old_id_number", qr->old_id_number},
                         {"full_name", qr->full_name},             {"date_of_birth", qr->date_of_birth},
                         {"sex", qr->sex},                         {"address", qr->address},
                         {"issue_date", qr->issue_date}};
        if (number.empty()) number = qr->personal_number;
        if (dob.empty()) dob = qr->date_of_birth;
    }
    if (!number.empty()) {
        auto pn = ParsePersonalNumber(number, dob.empty() ? std::nullopt : std::optional<std::string>(dob));
        if (!pn) return BadInput("--number: " + pn.error().message);
        out["personal_number"] = PersonalNumberJson(*pn);
        all_ok = all_ok && pn->AllChecksOk();
    }
    if (out.empty()) return BadInput("give --mrz, --number, --qr-text or --qr-image");
    std::cout << out.dump(2) << "\n";
    return all_ok ? 0 : 1;
}

}  // namespace precinct::identity
