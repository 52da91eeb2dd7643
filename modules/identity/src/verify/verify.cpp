// Verify(): the checks of a chip read, in the order an officer reads them, and the verdict.
#include "precinct/identity/verify.hpp"

#include <fmt/format.h>

#include <ctime>

#include "precinct/identity/dg13.hpp"
#include "precinct/identity/face_image.hpp"
#include "precinct/identity/lds.hpp"
#include "precinct/identity/mrz.hpp"
#include "precinct/identity/personal_number.hpp"
#include "precinct/identity/security_infos.hpp"
#include "text/fold.hpp"
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

// "dd/mm/yyyy" (DG13) -> "YYMMDD" (MRZ), nullopt when not shaped so.
std::optional<std::string> Dg13DateToMrz(const std::string& d) {
    if (d.size() != 10 || d[2] != '/' || d[5] != '/') return std::nullopt;
    for (std::size_t i : {0, 1, 3, 4, 6, 7, 8, 9}) {
        if (d[i] < '0' || d[i] > '9') return std::nullopt;
    }
    return d.substr(8, 2) + d.substr(3, 2) + d.substr(0, 2);
}

// "dd/mm/yyyy" -> "yyyy-mm-dd" for the personal-number check; nullopt when not shaped so.
std::optional<std::string> Dg13DateToIso(const std::string& d) {
    if (!Dg13DateToMrz(d)) return std::nullopt;
    return d.substr(6, 4) + "-" + d.substr(3, 2) + "-" + d.substr(0, 2);
}

// MRZ names hold only A-Z: the DG13 name with its diacritics removed must give the same letters.
std::string NameLetters(const std::string& s) {
    std::string out;
    for (char c : text::FoldVietnamese(s)) {
        if (c >= 'a' && c <= 'z') out.push_back(c);
    }
    return out;
}

void FillHolderFromDg13(const Dg13& d, HolderData& h) {
    auto set = [](std::string& field, const std::optional<std::string>& v) {
        if (v && !v->empty()) field = *v;
    };
    set(h.personal_number, d.personal_number);
    set(h.full_name, d.full_name);
    set(h.date_of_birth, d.date_of_birth);
    set(h.sex, d.sex);
    set(h.nationality, d.nationality);
    set(h.ethnicity, d.ethnicity);
    set(h.religion, d.religion);
    set(h.place_of_origin, d.place_of_origin);
    set(h.place_of_residence, d.place_of_residence);
    set(h.identifying_marks, d.identifying_marks);
    set(h.issue_date, d.issue_date);
    set(h.expiry_date, d.expiry_date);
    set(h.father_name, d.father_name);
    set(h.mother_name, d.mother_name);
    set(h.spouse_name, d.spouse_name);
    set(h.old_id_number, OldIdNumber(d));
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

// DG13 against DG1: the same person, the same dates. A mismatch means one of them was changed or the groups come
// from different cards; passive authentication says which groups are authentic.
void AddDg13AgreementChecks(const Dg13& d, const Mrz& mrz, Checks& checks) {
    std::vector<std::string> differ;
    std::vector<std::string> compared;
    auto compare = [&](const char* what, const std::optional<std::string>& dg13, const std::string& mrz_value,
                       auto convert) {
        if (!dg13 || dg13->empty() || mrz_value.empty()) return;
        compared.push_back(what);
        const std::optional<std::string> v = convert(*dg13);
        if (!v || *v != mrz_value) differ.push_back(fmt::format("{} (DG13 {}, MRZ {})", what, *dg13, mrz_value));
    };
    auto same = [](const std::string& v) { return std::optional<std::string>(v); };
    compare("date of birth", d.date_of_birth, mrz.date_of_birth, Dg13DateToMrz);
    compare("date of expiry", d.expiry_date, mrz.date_of_expiry, Dg13DateToMrz);
    if (auto pn = CccdPersonalNumber(mrz)) compare("personal number", d.personal_number, *pn, same);
    if (d.full_name && !d.full_name->empty()) {
        compared.push_back("name");
        if (NameLetters(*d.full_name) != NameLetters(FormatName(mrz))) {
            differ.push_back("name (DG13 and MRZ spell different letters)");
        }
    }
    if (compared.empty()) return;
    std::string detail;
    if (differ.empty()) {
        for (const auto& c : compared) detail += (detail.empty() ? "agree: " : ", ") + c;
    } else {
        for (const auto& c : differ) detail += (detail.empty() ? "differ: " : "; ") + c;
    }
    checks.Add("data.dg13_matches_mrz", "data", differ.empty(), "Thông tin DG13 khớp với MRZ (DG1)",
               "DG13 agrees with the MRZ (DG1)", detail);
}

void AddPersonalNumberChecks(const PersonalNumber& pn, Checks& checks, HolderData& holder) {
    const ProvinceCode& p = pn.province;
    if (!p.current_province.empty()) holder.province = p.current_province;
    std::string where;
    if (p.abroad) {
        where = "a birth registered abroad (the country code table is unverified)";
    } else if (!pn.province_known) {
        where = "prefix " + p.code + " is in neither province table";
    } else {
        where = fmt::format("prefix {}: {}", p.code,
                            !p.pre_merger_name.empty() ? p.pre_merger_name : p.post_merger_name);
        if (!p.current_province.empty() && p.current_province != p.pre_merger_name) {
            where += " (today " + p.current_province + ")";
        }
        if (pn.unverified) where += " — unverified";
    }
    std::string detail = fmt::format("{}; sex {}, born {}", where, pn.sex, pn.birth_year);
    for (const auto& w : pn.warnings) detail += "; " + w;
    checks.Add("printed.personal_number.province", "printed", pn.province_known, "Mã tỉnh nơi đăng ký khai sinh",
               "Province code of the birth registration", detail, true);
    if (pn.checks.empty()) return;
    std::string failed;
    for (const auto& c : pn.checks) {
        if (!c.ok) failed += (failed.empty() ? "" : "; ") + c.detail;
    }
    checks.Add("printed.personal_number", "printed", failed.empty(), "Số định danh khớp với ngày sinh",
               "Personal number agrees with the date of birth",
               failed.empty() ? fmt::format("century and birth year {} agree with the date of birth", pn.birth_year)
                              : failed);
}

}  // namespace

VerificationReport Verify(const ChipRead& read, const TrustStore& trust, Clock::time_point now,
                          const VerifyOptions& options) {
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

    // --- DG13: the Vietnamese personal data, and whether it agrees with the MRZ.
    if (auto it = files.groups.find(13); it != files.groups.end()) {
        auto dg13 = ParseDg13(it->second);
        if (!dg13) {
            checks.Add("lds.dg13", "data", false, "Cấu trúc DG13 (thông tin cá nhân)", "DG13 (personal data) structure",
                       dg13.error().message);
        } else {
            FillHolderFromDg13(*dg13, report.holder);
            std::string warnings;
            for (const auto& w : dg13->warnings) warnings += (warnings.empty() ? "" : "; ") + w;
            checks.Add("lds.dg13", "data", true, "Cấu trúc DG13 (thông tin cá nhân)", "DG13 (personal data) structure",
                       "DG13 layout as observed on cards (not published by the issuer: unconfirmed)" +
                           (warnings.empty() ? std::string() : "; tolerated: " + warnings),
                       true);
            if (mrz) AddDg13AgreementChecks(*dg13, *mrz, checks);
        }
    }

    // --- The personal number: province, century and sex digit, birth year against the date of birth.
    if (!report.holder.personal_number.empty()) {
        // DG13's date of birth has four year digits; the MRZ's two cannot check the century.
        const std::optional<std::string> dob_iso = Dg13DateToIso(report.holder.date_of_birth);
        auto pn = ParsePersonalNumber(report.holder.personal_number, dob_iso);
        if (!pn) {
            checks.Add("printed.personal_number", "printed", false, "Số định danh cá nhân", "Personal number",
                       pn.error().message);
        } else {
            AddPersonalNumberChecks(*pn, checks, report.holder);
        }
    }

    // --- DG2: the face.
    if (auto it = files.groups.find(2); it != files.groups.end()) {
        auto faces = ParseDg2(it->second);
        if (!faces) {
            checks.Add("lds.dg2", "data", false, "Ảnh khuôn mặt (DG2)", "Face image (DG2)", faces.error().message);
        } else {
            std::string formats;
            bool decoded_all = true;
            for (const auto& f : *faces) {
                formats += (formats.empty() ? "" : ", ") + fmt::format("{} {}x{}", f.mime, f.width, f.height);
                if (!options.decode_faces) continue;
                auto png = FaceImageToPng(f);
                if (!png) {
                    decoded_all = false;
                    formats += " (" + png.error().message + ")";
                    continue;
                }
                report.faces.push_back(FacePhoto{std::move(*png), f.mime, f.width, f.height});
            }
            checks.Add("lds.dg2", "data", decoded_all, "Ảnh khuôn mặt (DG2)", "Face image (DG2)",
                       fmt::format("{} face(s): {}", faces->size(), formats), decoded_all);
        }
    }

    // --- EF.CardAccess: the PACE protocols the chip offers (informational).
    if (files.card_access) {
        auto infos = ParseCardAccess(*files.card_access);
        if (!infos) {
            checks.Add("lds.card_access", "data", false, "Cấu trúc EF.CardAccess", "EF.CardAccess structure",
                       infos.error().message, true);
        } else {
            std::string offered;
            for (const auto& p : infos->pace) offered += (offered.empty() ? "" : ", ") + ProtocolName(p.protocol);
            checks.Add("lds.card_access", "data", true, "Cấu trúc EF.CardAccess", "EF.CardAccess structure",
                       offered.empty() ? "no PACEInfo" : "PACE offered: " + offered, true);
        }
    }

    // --- DG14 / DG15: what the chip announces it can prove (for dumps; a live session fills these itself).
    if (auto it = files.groups.find(14); it != files.groups.end()) {
        auto dg14 = ParseDg14(it->second);
        if (!dg14) {
            checks.Add("lds.dg14", "data", false, "Cấu trúc DG14 (khóa xác thực chip)", "DG14 (chip keys) structure",
                       dg14.error().message);
        } else {
            std::string listed;
            for (const auto& ca : dg14->chip_authentication) {
                listed += (listed.empty() ? "" : ", ") + ProtocolName(ca.protocol);
            }
            if (!dg14->chip_authentication.empty()) {
                in.session.chip_authentication.supported = true;
                if (in.session.chip_authentication.protocol.empty()) {
                    in.session.chip_authentication.protocol = ProtocolName(dg14->chip_authentication[0].protocol);
                }
            }
            checks.Add("lds.dg14", "data", true, "Cấu trúc DG14 (khóa xác thực chip)", "DG14 (chip keys) structure",
                       fmt::format("{} chip-authentication key(s){}", dg14->chip_authentication_public_keys.size(),
                                   listed.empty() ? "" : "; " + listed),
                       true);
        }
    }
    if (auto it = files.groups.find(15); it != files.groups.end()) {
        in.session.active_authentication.supported = true;
        if (auto key = ParseDg15(it->second); !key) {
            checks.Add("lds.dg15", "data", false, "Cấu trúc DG15 (khóa xác thực chủ động)",
                       "DG15 (active-authentication key) structure", key.error().message);
        }
    }
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
