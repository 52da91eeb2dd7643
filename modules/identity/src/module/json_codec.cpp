#include "json_codec.hpp"

#include "core/crypto.hpp"

namespace precinct::identity {

namespace {

Json HolderJson(const HolderData& h) {
    return Json{{"personal_number", h.personal_number},
                {"full_name", h.full_name},
                {"date_of_birth", h.date_of_birth},
                {"sex", h.sex},
                {"nationality", h.nationality},
                {"ethnicity", h.ethnicity},
                {"religion", h.religion},
                {"place_of_origin", h.place_of_origin},
                {"place_of_residence", h.place_of_residence},
                {"identifying_marks", h.identifying_marks},
                {"issue_date", h.issue_date},
                {"expiry_date", h.expiry_date},
                {"father_name", h.father_name},
                {"mother_name", h.mother_name},
                {"spouse_name", h.spouse_name},
                {"old_id_number", h.old_id_number},
                {"document_number", h.document_number},
                {"document_code", h.document_code},
                {"issuing_state", h.issuing_state},
                {"mrz_date_of_birth", h.mrz_date_of_birth},
                {"mrz_date_of_expiry", h.mrz_date_of_expiry},
                {"mrz_lines", h.mrz_lines},
                {"province", h.province}};
}

}  // namespace

Json PersonalNumberJson(const PersonalNumber& pn) {
    Json checks = Json::array();
    for (const auto& c : pn.checks) checks.push_back(Json{{"field", c.field}, {"ok", c.ok}, {"detail", c.detail}});
    const ProvinceCode& p = pn.province;
    return Json{{"digits", pn.digits},
                {"province",
                 Json{{"code", p.code},
                      {"pre_merger_name", p.pre_merger_name},
                      {"post_merger_name", p.post_merger_name},
                      {"current_province", p.current_province},
                      {"in_pre_merger_table", p.in_pre_merger_table},
                      {"in_post_merger_table", p.in_post_merger_table},
                      {"abroad", p.abroad}}},
                {"province_known", pn.province_known},
                {"century_sex_digit", pn.century_sex_digit},
                {"sex", std::string(1, pn.sex)},
                {"birth_year", pn.birth_year},
                {"serial", pn.serial},
                {"checks", std::move(checks)},
                {"warnings", pn.warnings},
                {"unverified", pn.unverified}};
}

Json ProofJson(const ChipProof& p) {
    return Json{{"supported", p.supported},
                {"performed", p.performed},
                {"passed", p.passed},
                {"protocol", p.protocol},
                {"detail", p.detail}};
}

Json ReportJson(const VerificationReport& r, const ReportJsonOptions& options) {
    Json checks = Json::array();
    for (const auto& c : r.checks) {
        checks.push_back(Json{{"id", c.id},
                              {"category", c.category},
                              {"passed", c.passed},
                              {"informational", c.informational},
                              {"title_vi", c.title_vi},
                              {"title_en", c.title_en},
                              {"detail", c.detail}});
    }
    Json files = Json::array();
    for (const auto& f : r.files) files.push_back(Json{{"name", f.name}, {"size", f.size}});
    Json out{{"verdict", VerdictName(r.verdict)},
             {"verdict_vi", r.verdict_vi},
             {"verdict_en", r.verdict_en},
             {"reasoning", r.reasoning},
             {"holder", HolderJson(r.holder)},
             {"checks", std::move(checks)},
             {"session",
              Json{{"live", r.session.live},
                   {"reader", r.session.reader},
                   {"access_control", r.session.access_control},
                   {"steps", r.session.steps},
                   {"chip_authentication", ProofJson(r.session.chip_authentication)},
                   {"active_authentication", ProofJson(r.session.active_authentication)}}},
             {"files", std::move(files)},
             {"document_signer", r.document_signer},
             {"csca", r.csca},
             {"verified_at", r.verified_at}};
    if (options.include_faces) {
        Json faces = Json::array();
        for (const auto& f : r.faces) {
            faces.push_back(Json{{"png_base64", Base64Encode(f.png)},
                                 {"width", f.width},
                                 {"height", f.height},
                                 {"source_format", f.source_format}});
        }
        out["faces"] = std::move(faces);
    } else {
        out["faces"] = Json::array();
        out["faces_withheld"] = !r.faces.empty();
    }
    return out;
}

}  // namespace precinct::identity
