// Verify(): the checks of a chip read, in the order an officer reads them, and the verdict.
#include "precinct/identity/verify.hpp"

#include <fmt/format.h>

#include <ctime>

#include "precinct/identity/mrz.hpp"
#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/tlv.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/trust_store.hpp"
#include "verdict.hpp"

namespace precinct::identity {

namespace {

using Clock = std::chrono::system_clock;

class Checks {
public:
    explicit Checks(std::vector<ReportCheck>& out) : out_(out) {}
    void Add(std::string id, std::string category, bool passed, std::string title_vi, std::string title_en,
             std::string detail, bool informational = false) {
        out_.push_back(ReportCheck{std::move(id), std::move(category), passed, informational, std::move(title_vi),
                                   std::move(title_en), std::move(detail)});
    }

private:
    std::vector<ReportCheck>& out_;
};

// YYMMDD of an expiry date, read as 20YY (ID documents do not expire last century), to a time point at the end
// of that day (UTC).
std::optional<Clock::time_point> ExpiryEnd(const std::string& yymmdd) {
    if (yymmdd.size() != 6) return std::nullopt;
    for (char c : yymmdd) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    std::tm tm{};
    tm.tm_year = 100 + std::stoi(yymmdd.substr(0, 2));
    tm.tm_mon = std::stoi(yymmdd.substr(2, 2)) - 1;
    tm.tm_mday = std::stoi(yymmdd.substr(4, 2));
    tm.tm_hour = 23;
    tm.tm_min = 59;
    tm.tm_sec = 59;
    if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31) return std::nullopt;
    return Clock::from_time_t(timegm(&tm));
}

std::string GroupName(int n) { return fmt::format("DG{}", n); }

// The OID of the first ChipAuthenticationInfo (0.4.0.127.0.7.2.2.3.*) among DG14's SecurityInfos, "" when none.
// DG14 = 6E { SET OF SEQUENCE { protocol OID, ... } } (Doc 9303 Part 11 section 9.2).
Result<std::string> ChipAuthenticationProtocol(ByteView dg14) {
    auto outer = ReadSingleTlv(dg14, 0x6E, "DG14");
    if (!outer) return Fail(outer.error());
    auto set = ReadSingleTlv(outer->value, kDerSet, "DG14 SecurityInfos");
    if (!set) return Fail(set.error());
    auto infos = ReadAllTlv(set->value);
    if (!infos) return Fail(ErrorCode::kInvalidArgument, "DG14: " + infos.error().message);
    for (const auto& info : *infos) {
        if (info.tag != kDerSequence) {
            return Fail(ErrorCode::kInvalidArgument, "DG14: a SecurityInfo is not a SEQUENCE");
        }
        auto fields = ReadAllTlv(info.value);
        if (!fields || fields->empty() || (*fields)[0].tag != kDerOid) {
            return Fail(ErrorCode::kInvalidArgument, "DG14: a SecurityInfo does not start with an OID");
        }
        auto oid = DecodeOid((*fields)[0].value);
        if (!oid) return Fail(ErrorCode::kInvalidArgument, "DG14: " + oid.error().message);
        if (oid->rfind("0.4.0.127.0.7.2.2.3.", 0) == 0) return *oid;
    }
    return std::string();
}

// Passive authentication's checks, in the report's words.
void AddPassiveChecks(const PassiveAuthReport& pa, Checks& checks) {
    for (const auto& c : pa.checks) {
        std::string vi, en;
        switch (c.kind) {
            case PaCheckKind::kSignature:
                vi = "Chữ ký số của cơ quan cấp trên EF.SOD";
                en = "Issuer's signature over EF.SOD";
                break;
            case PaCheckKind::kChain:
                vi = "Chứng thư ký (DS) thuộc CSCA tin cậy";
                en = "Document signer chains to a trusted CSCA";
                break;
            case PaCheckKind::kValidity:
                vi = "Thời hạn hiệu lực của chứng thư DS và CSCA";
                en = "Validity of the DS and CSCA certificates";
                break;
            case PaCheckKind::kRevocation:
                vi = "Chứng thư DS không bị thu hồi";
                en = "Document signer not revoked";
                break;
            case PaCheckKind::kGroupHash:
                vi = fmt::format("Mã băm {} khớp với EF.SOD", GroupName(c.group));
                en = fmt::format("{} hash matches EF.SOD", GroupName(c.group));
                break;
            case PaCheckKind::kGroupNotListed:
                vi = fmt::format("{} có trên chip nhưng không được ký trong EF.SOD", GroupName(c.group));
                en = fmt::format("{} present but not listed in EF.SOD", GroupName(c.group));
                break;
            case PaCheckKind::kGroupNotPresent:
                vi = fmt::format("{} được ký nhưng không đọc được từ chip", GroupName(c.group));
                en = fmt::format("{} listed but not read", GroupName(c.group));
                break;
        }
        checks.Add("pa." + c.name, "passive", c.passed, vi, en, c.detail, c.informational);
    }
}

void AddProofCheck(const char* id, const ChipProof& p, const char* vi, const char* en, Checks& checks) {
    std::string detail;
    if (!p.supported) {
        detail = "not announced by the chip's files";
    } else if (!p.performed) {
        detail = "announced; not run (no live chip)";
    } else {
        detail = fmt::format("{}: {}{}", p.protocol, p.passed ? "passed" : "failed",
                             p.detail.empty() ? "" : " — " + p.detail);
    }
    // Not run is informational; a proof that was run and failed is a failure.
    checks.Add(id, "chip", p.performed ? p.passed : false, vi, en, detail, !p.performed);
}

}  // namespace

VerificationReport Verify(const ChipRead& read, const TrustStore& trust, Clock::time_point now,
                          const VerifyOptions& /*options*/) {
    VerificationReport report;
    report.session = read.session;
    report.verified_at = FormatUtc(now);
    Checks checks(report.checks);
    VerdictInputs in;
    in.session = read.session;
    const ChipFiles& files = read.files;

    if (files.com) report.files.push_back({"EF.COM", files.com->size()});
    if (files.card_access) report.files.push_back({"EF.CardAccess", files.card_access->size()});
    if (files.sod) report.files.push_back({"EF.SOD", files.sod->size()});
    for (const auto& [n, bytes] : files.groups) report.files.push_back({GroupName(n), bytes.size()});

    std::vector<std::string> unreadable;

    // --- EF.COM: which groups the chip says it has.
    if (files.com) {
        auto com = ParseCom(*files.com);
        if (!com) {
            checks.Add("lds.com", "data", false, "Cấu trúc EF.COM", "EF.COM structure", com.error().message);
        } else {
            std::string listed;
            for (int n : com->data_groups) listed += (listed.empty() ? "" : ", ") + GroupName(n);
            checks.Add("lds.com", "data", true, "Cấu trúc EF.COM", "EF.COM structure",
                       fmt::format("LDS {}, lists {}", com->lds_version, listed), true);
        }
    }

    // --- DG1: the MRZ and its check digits.
    std::optional<Mrz> mrz;
    if (auto it = files.groups.find(1); it == files.groups.end()) {
        unreadable.push_back("DG1 (MRZ) is missing");
    } else if (auto parsed = ParseDg1(it->second); !parsed) {
        unreadable.push_back("DG1: " + parsed.error().message);
        checks.Add("lds.dg1", "data", false, "Cấu trúc DG1 (MRZ)", "DG1 (MRZ) structure", parsed.error().message);
    } else {
        mrz = *parsed;
        std::string failed;
        for (const auto& c : mrz->checks) {
            if (!c.ok) failed += (failed.empty() ? "" : ", ") + c.field;
        }
        checks.Add("mrz.check_digits", "printed", failed.empty(), "Các chữ số kiểm tra của MRZ",
                   "MRZ check digits", failed.empty() ? fmt::format("{} check digits correct", mrz->checks.size())
                                                      : "wrong: " + failed);
        report.holder.document_number = mrz->document_number;
        report.holder.document_code = mrz->document_code;
        report.holder.issuing_state = mrz->issuing_state;
        report.holder.mrz_date_of_birth = mrz->date_of_birth;
        report.holder.mrz_date_of_expiry = mrz->date_of_expiry;
        report.holder.mrz_lines = mrz->lines;
        report.holder.full_name = FormatName(*mrz);
        report.holder.sex = mrz->sex;
        report.holder.nationality = mrz->nationality;
        if (auto pn = CccdPersonalNumber(*mrz)) report.holder.personal_number = *pn;
        if (auto end = ExpiryEnd(mrz->date_of_expiry)) {
            const bool expired = *end < now;
            in.document_expired = expired;
            checks.Add("doc.expiry", "data", !expired, "Thẻ còn hạn sử dụng", "Document not expired",
                       fmt::format("date of expiry {} (20{}-{}-{})", mrz->date_of_expiry,
                                   mrz->date_of_expiry.substr(0, 2), mrz->date_of_expiry.substr(2, 2),
                                   mrz->date_of_expiry.substr(4, 2)));
            if (expired) in.expiry_detail = "the document expired on " + FormatUtc(*end).substr(0, 10) + ".";
        }
    }

    // --- DG14 / DG15: what the chip announces it can prove (for dumps; a live session fills these itself).
    if (auto it = files.groups.find(14); it != files.groups.end()) {
        auto ca = ChipAuthenticationProtocol(it->second);
        if (!ca) {
            checks.Add("lds.dg14", "data", false, "Cấu trúc DG14 (khóa xác thực chip)", "DG14 (chip keys) structure",
                       ca.error().message);
        } else if (!ca->empty()) {
            in.session.chip_authentication.supported = true;
            if (in.session.chip_authentication.protocol.empty()) in.session.chip_authentication.protocol = *ca;
        }
    }
    if (files.groups.count(15) != 0) in.session.active_authentication.supported = true;
    report.session.chip_authentication = in.session.chip_authentication;
    report.session.active_authentication = in.session.active_authentication;

    // --- Passive authentication.
    if (!files.sod) {
        unreadable.push_back("EF.SOD is missing");
    } else {
        auto sod = ParseSod(*files.sod);
        if (!sod) {
            unreadable.push_back("EF.SOD: " + sod.error().message);
            checks.Add("pa.structure", "passive", false, "Cấu trúc EF.SOD", "EF.SOD structure", sod.error().message);
        } else {
            const PassiveAuthReport pa = PassiveAuthenticate(*sod, *files.sod, files.groups, trust, now);
            AddPassiveChecks(pa, checks);
            in.signature_ok = pa.signature_ok;
            in.hashes_ok = pa.hashes_ok;
            for (int n : pa.mismatched_groups) in.hash_failures.push_back(GroupName(n));
            for (int n : pa.unlisted_groups) in.hash_failures.push_back(GroupName(n) + " (not listed in EF.SOD)");
            in.chain_ok = pa.chain_ok && pa.revocation_ok;
            in.have_trust_anchors = pa.have_trust_anchors;
            in.certificates_valid = pa.validity_ok;
            if (!pa.validity_ok) {
                const PaCheck* v = pa.Find("validity");
                in.expiry_detail += (in.expiry_detail.empty() ? "" : " ") + (v ? v->detail : "certificate expired");
            }
            if (pa.document_signer) report.document_signer = pa.document_signer->subject;
            if (pa.csca) report.csca = pa.csca->subject;
        }
    }

    AddProofCheck("chip.ca", in.session.chip_authentication, "Xác thực chip (CA, khóa DG14)",
                  "Chip authentication (CA, DG14 key)", checks);
    AddProofCheck("chip.aa", in.session.active_authentication, "Xác thực chủ động (AA, khóa DG15)",
                  "Active authentication (AA, DG15 key)", checks);

    if (!unreadable.empty()) {
        in.readable = false;
        for (const auto& u : unreadable) in.unreadable_reason += (in.unreadable_reason.empty() ? "" : "; ") + u;
    }
    VerdictOutcome outcome = DecideVerdict(in);
    report.verdict = outcome.verdict;
    report.verdict_vi = std::move(outcome.sentence_vi);
    report.verdict_en = std::move(outcome.sentence_en);
    report.reasoning = std::move(outcome.reasoning);
    return report;
}

}  // namespace precinct::identity
