// The identity module: settings, the trust folder, and the routes (readers, verifications).
#include "precinct/identity/module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/settings.hpp"
#include "json_codec.hpp"
#include "server/request_actor.hpp"
#include "service.hpp"

namespace precinct::identity {
namespace {

using server::Access;
using server::Request;
using server::Response;
using server::RouteOptions;

Result<Bytes> DecodeBase64(const std::string& text, const std::string& field) {
    auto bytes = Base64Decode(text);
    if (!bytes) return Fail(ErrorCode::kInvalidArgument, field + ": not base64", field);
    return std::move(*bytes);
}

std::string JsonString(const Json& body, const char* key, std::size_t max_len, bool* present = nullptr) {
    auto it = body.find(key);
    if (present) *present = it != body.end();
    if (it == body.end() || !it->is_string()) return "";
    std::string s = it->get<std::string>();
    return s.size() > max_len ? s.substr(0, max_len + 1) : s;
}

// The access key of a reader request: {"mrz": {document_number, date_of_birth, date_of_expiry}} or {"can": "…"}.
Result<AccessKey> DecodeAccessKey(const Json& body) {
    const auto mrz = body.find("mrz");
    const auto can = body.find("can");
    if ((mrz == body.end()) == (can == body.end())) {
        return Fail(ErrorCode::kInvalidArgument, "mrz or can: give exactly one access key", "mrz");
    }
    auto six_digits = [](const std::string& s) {
        return s.size() == 6 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
    };
    if (can != body.end()) {
        if (!can->is_string() || !six_digits(can->get<std::string>())) {
            return Fail(ErrorCode::kInvalidArgument, "can: the 6 digits printed on the card", "can");
        }
        return AccessKey::Can(can->get<std::string>());
    }
    if (!mrz->is_object()) {
        return Fail(ErrorCode::kInvalidArgument,
                    "mrz: an object with document_number, date_of_birth and date_of_expiry", "mrz");
    }
    const std::string doc = JsonString(*mrz, "document_number", 20);
    const std::string dob = JsonString(*mrz, "date_of_birth", 6);
    const std::string exp = JsonString(*mrz, "date_of_expiry", 6);
    if (doc.empty() || doc.size() > 20 ||
        !std::all_of(doc.begin(), doc.end(), [](unsigned char c) { return std::isdigit(c) || std::isupper(c); })) {
        return Fail(ErrorCode::kInvalidArgument, "mrz.document_number: digits and capital letters, up to 20",
                    "mrz.document_number");
    }
    if (!six_digits(dob)) {
        return Fail(ErrorCode::kInvalidArgument, "mrz.date_of_birth: YYMMDD", "mrz.date_of_birth");
    }
    if (!six_digits(exp)) {
        return Fail(ErrorCode::kInvalidArgument, "mrz.date_of_expiry: YYMMDD", "mrz.date_of_expiry");
    }
    return AccessKey::Mrz(doc, dob, exp);
}

Result<ChipFiles> DecodeFiles(const Json& files) {
    if (!files.is_object() || files.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "files: an object of file name -> base64 contents", "files");
    }
    if (files.size() > 32) return Fail(ErrorCode::kTooLarge, "files: at most 32 files", "files");
    std::vector<std::pair<std::string, Bytes>> named;
    for (const auto& [name, value] : files.items()) {
        const std::string field = "files." + name.substr(0, 40);
        if (!value.is_string()) return Fail(ErrorCode::kInvalidArgument, field + ": base64 text", field);
        auto bytes = DecodeBase64(value.get<std::string>(), field);
        if (!bytes) return Fail(bytes.error());
        named.emplace_back(name, std::move(*bytes));
    }
    return ChipFilesFromNamed(std::move(named));
}

Json SummaryJson(const VerificationSummary& s) {
    return Json{{"id", s.id},           {"created_at", s.created_at}, {"officer", s.officer},
                {"purpose", s.purpose}, {"verdict", s.verdict},       {"document", s.document},
                {"access_control", s.access_control}, {"reader", s.reader}};
}

Json ReadersJson(const ReaderList& list) {
    Json readers = Json::array();
    for (const auto& r : list.readers) {
        Json j{{"id", r.id}, {"kind", r.kind}, {"label_vi", r.label_vi}, {"label_en", r.label_en}};
        if (r.demo_access) {
            j["demo_access"] = Json{{"document_number", r.demo_access->document_number},
                                    {"date_of_birth", r.demo_access->date_of_birth},
                                    {"date_of_expiry", r.demo_access->date_of_expiry},
                                    {"can", r.demo_access->can}};
        }
        readers.push_back(std::move(j));
    }
    Json out{{"readers", std::move(readers)}};
    out["pcsc_error"] = list.pcsc_error.empty() ? Json(nullptr) : Json(list.pcsc_error);
    return out;
}

class IdentityModule final : public Module {
public:
    explicit IdentityModule(std::unique_ptr<IdentityService> svc) : svc_(std::move(svc)) {}

private:
    std::unique_ptr<IdentityService> svc_;
};

void AddRoutes(server::Router& router, IdentityService* svc, const Settings& settings) {
    const Access verifiers(false, settings.verify_roles);
    const std::vector<Role> face_roles = settings.face_roles;

    router.Get("/api/v1/identity/readers", verifiers,
               [svc](const Request&) { return Response::MakeJson(200, ReadersJson(svc->Readers())); });

    router.Post(
        "/api/v1/identity/verifications", verifiers,
        [svc, face_roles](const Request& req) {
            Json body = Json::parse(req.body, nullptr, false);
            if (body.is_discarded() || !body.is_object()) {
                return Problem(Error{ErrorCode::kInvalidArgument, "body: a JSON object", "body", 0}, req);
            }
            for (const auto& [key, value] : body.items()) {
                if (key != "files" && key != "reader" && key != "mrz" && key != "can") {
                    return Problem(Error{ErrorCode::kInvalidArgument, key + ": unknown field", key, 0}, req);
                }
            }
            const Requester who{req.principal ? req.principal->username : "", req.purpose};
            Result<StoredVerification> stored = Fail(ErrorCode::kInternal, "unset");
            const bool has_files = body.contains("files");
            const bool has_reader = body.contains("reader");
            if (has_files == has_reader) {
                return Problem(
                    Error{ErrorCode::kInvalidArgument, "reader or files: give a reader to read, or the chip's files",
                          "reader", 0},
                    req);
            }
            if (has_files) {
                if (body.contains("mrz") || body.contains("can")) {
                    return Problem(
                        Error{ErrorCode::kInvalidArgument, "mrz/can: only with a reader", "mrz", 0}, req);
                }
                auto files = DecodeFiles(body["files"]);
                if (!files) return Problem(files.error(), req);
                stored = svc->VerifyFiles(std::move(*files), who);
            } else {
                const std::string reader = JsonString(body, "reader", 200);
                if (reader.empty() || reader.size() > 200) {
                    return Problem(Error{ErrorCode::kInvalidArgument, "reader: a reader id from "
                                                                      "/api/v1/identity/readers",
                                         "reader", 0},
                                   req);
                }
                auto key = DecodeAccessKey(body);
                if (!key) return Problem(key.error(), req);
                stored = svc->VerifyReader(reader, *key, who);
            }
            if (!stored) return Problem(stored.error(), req);
            const bool faces = req.principal && std::find(face_roles.begin(), face_roles.end(),
                                                          req.principal->role) != face_roles.end();
            Json out = ReportJson(stored->report, ReportJsonOptions{.include_faces = faces});
            out["id"] = stored->id;
            Response r = Response::MakeJson(201, out);
            r.headers.emplace_back("Cache-Control", "private, no-store");
            return r;
        },
        RouteOptions{.max_body_bytes = settings.max_dump_bytes, .personal_data = true});

    router.Get("/api/v1/identity/verifications", verifiers, [svc](const Request& req) {
        auto limit = server::IntParam(req, "limit", 20, 1, 200);
        if (!limit) return Problem(limit.error(), req);
        auto list = svc->Recent(*limit);
        if (!list) return Problem(list.error(), req);
        Json out = Json::array();
        for (const auto& s : *list) out.push_back(SummaryJson(s));
        return Response::MakeJson(200, Json{{"verifications", std::move(out)}});
    }, RouteOptions{.personal_data = true});
}

}  // namespace

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "modules.identity");
    bool software_cards = false;
    const bool has_software_cards = section.is_object() && section.contains("software_cards");
    r.Bool("enabled", s.enabled)
        .String("trust_dir", s.trust_dir, 1000)
        .Bool("software_cards", software_cards)
        .Size("max_dump_bytes", s.max_dump_bytes, 64 * 1024, 64u * 1024 * 1024)
        .Roles("verify_roles", s.verify_roles)
        .Roles("face_roles", s.face_roles);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    if (has_software_cards) s.software_cards = software_cards;
    return s;
}

Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx) {
    if (!settings.enabled) return std::unique_ptr<Module>();
    if (auto s = IdentityService::Migrate(ctx.db); !s) return Fail(s.error());
    ServiceSettings ss;
    ss.trust_dir = settings.trust_dir.empty() ? (ctx.data_dir.empty() ? std::filesystem::path()
                                                                      : ctx.data_dir / "identity" / "trust")
                                              : std::filesystem::path(settings.trust_dir);
    ss.software_cards = settings.software_cards.value_or(ctx.demo);
    auto svc = IdentityService::Create(ss, ctx.db, ctx.clock);
    if (!svc) return Fail(svc.error());
    AddRoutes(ctx.router, svc->get(), settings);
    return std::unique_ptr<Module>(new IdentityModule(std::move(*svc)));
}

}  // namespace precinct::identity
