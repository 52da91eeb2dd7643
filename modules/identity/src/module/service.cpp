#include "service.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <fstream>

#include "precinct/identity/pcsc_transport.hpp"
#include "precinct/identity/personal_number.hpp"

namespace precinct::identity {

namespace {

const storage::Migration kMigrations[] = {
    {1, "register of chip ID card verifications (no personal data beyond masked numbers)",
     R"sql(
CREATE TABLE identity_verifications (
  id INTEGER PRIMARY KEY,
  created_ms INTEGER NOT NULL,
  officer TEXT NOT NULL,
  purpose TEXT NOT NULL,
  verdict TEXT NOT NULL,
  document TEXT NOT NULL,
  access_control TEXT NOT NULL,
  reader TEXT NOT NULL,
  failed_checks TEXT NOT NULL
);
CREATE INDEX identity_verifications_by_time ON identity_verifications (created_ms);
)sql"},
};

std::string IsoUtc(TimePoint t) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

std::string MaskedDocument(const HolderData& h) {
    if (!h.personal_number.empty()) return MaskPersonalNumber(h.personal_number);
    if (h.document_number.size() > 4) {
        return std::string(h.document_number.size() - 4, '*') + h.document_number.substr(h.document_number.size() - 4);
    }
    return h.document_number.empty() ? "" : "****";
}

constexpr const char* kVariantLabels[][3] = {
    {"genuine", "Thẻ mềm thử nghiệm — thẻ thật", "Software test card — genuine"},
    {"cloned", "Thẻ mềm thử nghiệm — thẻ sao chép", "Software test card — cloned"},
    {"altered", "Thẻ mềm thử nghiệm — dữ liệu bị sửa", "Software test card — altered data"},
    {"expired", "Thẻ mềm thử nghiệm — hết hạn", "Software test card — expired"},
};

// A reader session's error as the API gives it: access data that do not open the card are the request's fault
// (400 naming mrz or can), not the officer's sign-in (401, which would end the console session).
Error SessionError(Error e, const AccessKey& key) {
    if (e.code == ErrorCode::kUnauthenticated) {
        e.code = ErrorCode::kInvalidArgument;
        e.field = key.kind == AccessKey::Kind::kCan ? "can" : "mrz";
    }
    return e;
}

// The virtual readers of vsmartcard-vpcd take a "card" over TCP from any program: on a server without the software
// cards (production) they are neither listed nor used, so that no card can be relayed or simulated through them.
bool IsVirtualReader(std::string_view name) { return name.rfind("Virtual PCD", 0) == 0; }

}  // namespace

std::optional<CardVariant> SoftwareReaderVariant(const std::string& reader_id) {
    if (reader_id.rfind("software:", 0) != 0) return std::nullopt;
    return ParseCardVariant(std::string_view(reader_id).substr(9));
}

Status IdentityService::Migrate(storage::Database& db) { return storage::Migrate(db, "identity", kMigrations); }

Result<std::unique_ptr<IdentityService>> IdentityService::Create(ServiceSettings settings, storage::Database& db,
                                                                 const Clock& clock) {
    std::unique_ptr<IdentityService> svc(new IdentityService(std::move(settings), db, clock));
    std::error_code ec;
    if (!svc->settings_.trust_dir.empty()) {
        std::filesystem::create_directories(svc->settings_.trust_dir, ec);
        if (ec) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("modules.identity.trust_dir: cannot create {}", svc->settings_.trust_dir.string()));
        }
        if (auto s = svc->trust_.AddDirectory(svc->settings_.trust_dir.string()); !s) {
            return Fail(ErrorCode::kInvalidArgument, "modules.identity.trust_dir: " + s.error().message);
        }
    }
    if (svc->settings_.software_cards) {
        auto factory = SoftwareCardFactory::Create(clock.Now());
        if (!factory) return Fail(factory.error());
        if (auto s = svc->trust_.AddCertificate(factory->CscaCertificateDer()); !s) return Fail(s.error());
        svc->cards_.emplace(std::move(*factory));
    }
    return svc;
}

std::size_t IdentityService::trusted_cscas() const { return trust_.size(); }

ReaderList IdentityService::Readers() const {
    ReaderList out;
    if (cards_) {
        for (const auto& v : kVariantLabels) {
            const auto variant = ParseCardVariant(v[0]);
            ReaderInfo r{fmt::format("software:{}", v[0]), "software", v[1], v[2],
                         cards_->PrintedProfile(variant.value_or(CardVariant::kGenuine))};
            out.readers.push_back(std::move(r));
        }
    }
    auto pcsc = ListPcscReaders();
    if (!pcsc) {
        out.pcsc_error = pcsc.error().message;
    } else {
        std::size_t listed = 0;
        for (const auto& name : *pcsc) {
            if (!cards_ && IsVirtualReader(name)) continue;
            ++listed;
            out.readers.push_back(ReaderInfo{"pcsc:" + name, "pcsc", "Đầu đọc " + name, "Reader " + name, std::nullopt});
        }
        if (listed == 0) out.pcsc_error = "no card reader found";
    }
    return out;
}

Result<StoredVerification> IdentityService::VerifyFiles(ChipFiles files, const Requester& who) {
    ChipRead read;
    read.files = std::move(files);
    read.session.live = false;
    read.session.reader = "uploaded files";
    read.session.access_control = "none";
    return Record(Verify(read, trust_, clock_.Now()), who);
}

Result<StoredVerification> IdentityService::VerifyReader(const std::string& reader_id, const AccessKey& key,
                                                         const Requester& who) {
    if (auto variant = SoftwareReaderVariant(reader_id)) {
        if (!cards_) {
            return Fail(ErrorCode::kNotFound, "reader: software cards are off on this server", "reader");
        }
        auto card = cards_->Make(*variant);
        if (!card) return Fail(card.error());
        auto read = ReadChip(**card, key);
        if (!read) return Fail(SessionError(read.error(), key));
        return Record(Verify(*read, trust_, clock_.Now()), who);
    }
    if (reader_id.rfind("pcsc:", 0) != 0) {
        return Fail(ErrorCode::kInvalidArgument, "reader: expected software:<variant> or pcsc:<reader name>",
                    "reader");
    }
    if (!cards_ && IsVirtualReader(std::string_view(reader_id).substr(5))) {
        return Fail(ErrorCode::kForbidden,
                    "reader: virtual readers (vsmartcard-vpcd) are refused where the software cards are off", "reader");
    }
    std::lock_guard lock(reader_mutex_);
    auto card = ConnectPcsc(reader_id.substr(5));
    if (!card) return Fail(card.error());
    auto read = ReadChip(**card, key);
    if (!read) return Fail(SessionError(read.error(), key));
    return Record(Verify(*read, trust_, clock_.Now()), who);
}

Result<StoredVerification> IdentityService::Record(VerificationReport report, const Requester& who) {
    std::string failed;
    for (const auto& c : report.checks) {
        if (!c.passed && !c.informational) failed += (failed.empty() ? "" : ",") + c.id;
    }
    const auto now = clock_.Now();
    auto rows = db_.Query(
        "INSERT INTO identity_verifications (created_ms, officer, purpose, verdict, document, access_control, reader, "
        "failed_checks) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {static_cast<std::int64_t>(
             std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count()),
         who.username, who.purpose, std::string(VerdictName(report.verdict)), MaskedDocument(report.holder),
         report.session.access_control, report.session.reader, failed});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kInternal, "identity: insert returned no id");
    return StoredVerification{(*rows)[0].Int(0), std::move(report)};
}

Result<std::vector<VerificationSummary>> IdentityService::Recent(int limit) const {
    auto rows = db_.Query(
        "SELECT id, created_ms, officer, purpose, verdict, document, access_control, reader "
        "FROM identity_verifications ORDER BY id DESC LIMIT ?",
        {limit});
    if (!rows) return Fail(rows.error());
    std::vector<VerificationSummary> out;
    for (const auto& r : *rows) {
        VerificationSummary s;
        s.id = r.Int(0);
        s.created_at = IsoUtc(TimePoint(std::chrono::milliseconds(r.Int(1))));
        s.officer = r.Text(2);
        s.purpose = r.Text(3);
        s.verdict = r.Text(4);
        s.document = r.Text(5);
        s.access_control = r.Text(6);
        s.reader = r.Text(7);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace precinct::identity
