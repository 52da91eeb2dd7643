#pragma once
// The identity service: verifies cards (through a reader or from uploaded files) and keeps a register of
// verifications without personal data beyond the masked document number.
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "precinct/identity/chip_reader.hpp"
#include "precinct/identity/software_card.hpp"
#include "precinct/identity/trust_store.hpp"
#include "precinct/identity/verify.hpp"
#include "storage/database.hpp"

namespace precinct::identity {

struct ServiceSettings {
    std::filesystem::path trust_dir;  // CSCA certificates and master lists; may be empty of files
    bool software_cards = false;      // offer the test cards and trust their throw-away CSCA
};

struct ReaderInfo {
    std::string id;    // "software:genuine", "pcsc:<reader name>"
    std::string kind;  // "software" or "pcsc"
    std::string label_vi;
    std::string label_en;
    std::optional<SoftwareCardProfile> demo_access;  // software cards: the access data printed on the card
};

struct ReaderList {
    std::vector<ReaderInfo> readers;
    std::string pcsc_error;  // why no PC/SC reader is listed, if so
};

// Who asked, for the register.
struct Requester {
    std::string username;
    std::string purpose;
};

struct StoredVerification {
    std::int64_t id = 0;
    VerificationReport report;
};

struct VerificationSummary {
    std::int64_t id = 0;
    std::string created_at;  // ISO 8601 UTC
    std::string officer;
    std::string purpose;
    std::string verdict;
    std::string document;  // masked personal number ("079*****3456") or masked document number
    std::string access_control;
    std::string reader;
};

class IdentityService {
public:
    static Status Migrate(storage::Database& db);
    // Loads the trust folder (creating it when missing) and, with software cards, makes their test PKI.
    static Result<std::unique_ptr<IdentityService>> Create(ServiceSettings settings, storage::Database& db,
                                                           const Clock& clock);

    ReaderList Readers() const;
    // Verifies files uploaded by an officer: a dump, so no live chip proof (the verdict is at best
    // chip_not_proven).
    Result<StoredVerification> VerifyFiles(ChipFiles files, const Requester& who);
    // Reads the card on `reader_id` with `key`, then verifies it. One reader session at a time per reader.
    Result<StoredVerification> VerifyReader(const std::string& reader_id, const AccessKey& key, const Requester& who);
    Result<std::vector<VerificationSummary>> Recent(int limit) const;

    std::size_t trusted_cscas() const;

private:
    IdentityService(ServiceSettings settings, storage::Database& db, const Clock& clock)
        : settings_(std::move(settings)), db_(db), clock_(clock) {}
    Result<StoredVerification> Record(VerificationReport report, const Requester& who);

    ServiceSettings settings_;
    storage::Database& db_;
    const Clock& clock_;
    TrustStore trust_;
    std::optional<SoftwareCardFactory> cards_;
    std::mutex reader_mutex_;  // PC/SC sessions one at a time
};

// "software:genuine" -> the variant; nullopt for other ids.
std::optional<CardVariant> SoftwareReaderVariant(const std::string& reader_id);

}  // namespace precinct::identity
