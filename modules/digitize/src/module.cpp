// The digitize module: settings, routes (upload, jobs, pages, outputs, search) and the worker pool's lifetime.
#include "precinct/digitize/module.hpp"

#include <fmt/format.h>

#include "core/settings.hpp"
#include "json_codec.hpp"
#include "pdf_writer.hpp"
#include "server/form_parser.hpp"
#include "server/request_actor.hpp"
#include "service.hpp"

namespace precinct::digitize {
namespace {

using server::Access;
using server::Request;
using server::Response;
using server::RouteOptions;

const Access kReaders{Role::kClerk, Role::kInvestigator, Role::kSupervisor};
const Access kUploaders{Role::kClerk, Role::kSupervisor};

Response Binary(std::string body, std::string type, const std::string& filename) {
    Response r = Response::Text(200, std::move(body), std::move(type));
    if (!filename.empty()) {
        // RFC 6266 with an RFC 8187 UTF-8 name; the plain name keeps only safe ASCII.
        std::string ascii, encoded;
        for (unsigned char c : filename) {
            ascii.push_back((c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? static_cast<char>(c) : '_');
            if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
                encoded.push_back(static_cast<char>(c));
            } else {
                encoded += fmt::format("%{:02X}", c);
            }
        }
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded));
    }
    r.headers.emplace_back("Cache-Control", "private, no-store");
    return r;
}

std::string Stem(const std::string& filename) {
    const auto dot = filename.rfind('.');
    return dot == std::string::npos || dot == 0 ? filename : filename.substr(0, dot);
}

class DigitizeModule final : public Module {
public:
    DigitizeModule(std::unique_ptr<DigitizeService> svc) : svc_(std::move(svc)) {}
    Status Start() override { return svc_->Start(); }
    void Stop() override { svc_->Stop(); }
    DigitizeService* service() { return svc_.get(); }

private:
    std::unique_ptr<DigitizeService> svc_;
};

void AddRoutes(server::Router& router, DigitizeService* svc, const Settings& settings) {
    router.Post(
        "/api/v1/documents", kUploaders,
        [svc, settings](const Request& req) {
            const auto type = req.Header("content-type");
            if (type.rfind("multipart/form-data", 0) != 0) {
                return Problem(
                    Error{ErrorCode::kInvalidArgument,
                          "content-type: send multipart/form-data with the scan in the part 'file'", "content-type", 0},
                    req);
            }
            server::FormLimits limits;
            limits.max_files = 1;
            limits.max_fields = 8;
            limits.max_field_bytes = 2048;
            limits.max_file_bytes = settings.max_upload_bytes;
            auto form = server::ParseMultipart(req.body, type, limits);
            if (!form) return Problem(form.error(), req);
            Upload upload;
            for (const auto& f : form->fields) {
                if (f.name == "lang") {
                    upload.lang = f.value;
                } else if (f.name == "title") {
                    upload.title = f.value;
                } else {
                    return Problem(
                        Error{ErrorCode::kInvalidArgument, fmt::format("{}: unknown field", f.name), f.name, 0}, req);
                }
            }
            if (form->files.empty() || form->files[0].field != "file") {
                return Problem(
                    Error{ErrorCode::kInvalidArgument, "file: attach the scan in the part 'file'", "file", 0}, req);
            }
            upload.filename = form->files[0].filename;
            upload.bytes = std::move(form->files[0].data);
            auto doc = svc->Submit(std::move(upload), server::ActorOf(req));
            if (!doc) return Problem(doc.error(), req);
            Response r = Response::MakeJson(201, DocumentJson(*doc));
            r.headers.emplace_back("Location", fmt::format("/api/v1/documents/{}", doc->id));
            return r;
        },
        RouteOptions{.max_body_bytes = settings.max_upload_bytes + 64 * 1024});

    router.Get("/api/v1/documents/types", kReaders, [settings](const Request&) {
        Json j = DocTypesJson();
        j["limits"] = {{"max_upload_bytes", settings.max_upload_bytes}, {"max_pages", settings.max_pages}};
        return Response::MakeJson(200, j);
    });

    router.Get(
        "/api/v1/documents/search", kReaders,
        [svc](const Request& req) {
            SearchRequest s;
            s.q = req.QueryParam("q").value_or("");
            s.type = req.QueryParam("type").value_or("");
            s.issuer = req.QueryParam("issuer").value_or("");
            s.number = req.QueryParam("number").value_or("");
            s.date_from = req.QueryParam("date_from").value_or("");
            s.date_to = req.QueryParam("date_to").value_or("");
            auto limit = server::IntParam(req, "limit", 20, 1, 100);
            if (!limit) return Problem(limit.error(), req);
            auto offset = server::IntParam(req, "offset", 0, 0, 10'000);
            if (!offset) return Problem(offset.error(), req);
            s.limit = *limit;
            s.offset = *offset;
            auto results = svc->Search(s);
            if (!results) return Problem(results.error(), req);
            return Response::MakeJson(200, SearchResultsJson(*results, s));
        },
        RouteOptions{.personal_data = true});

    router.Get("/api/v1/documents", kReaders, [svc](const Request& req) {
        ListFilter f;
        if (auto s = req.QueryParam("status"); s && !s->empty()) {
            f.status = ParseDocStatus(*s);
            if (!f.status) {
                return Problem(
                    Error{ErrorCode::kInvalidArgument, "status: queued, processing, done or failed", "status", 0}, req);
            }
        }
        auto limit = server::IntParam(req, "limit", 50, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        auto offset = server::IntParam(req, "offset", 0, 0, 1'000'000);
        if (!offset) return Problem(offset.error(), req);
        f.limit = *limit;
        f.offset = *offset;
        int total = 0;
        auto list = svc->List(f, &total);
        if (!list) return Problem(list.error(), req);
        Json out = Json::array();
        for (const auto& d : *list) out.push_back(DocumentJson(d));
        return Response::MakeJson(200, Json{{"documents", std::move(out)}, {"total", total}});
    });

    router.Get("/api/v1/documents/{id}", kReaders, [svc](const Request& req) {
        auto id = server::IdParam(req, "id");
        if (!id) return Problem(id.error(), req);
        auto doc = svc->Get(*id);
        if (!doc) return Problem(doc.error(), req);
        return Response::MakeJson(200, DocumentJson(*doc));
    });

    auto page_no = [](const Request& req) -> Result<int> {
        auto no = server::IdParam(req, "no");
        if (!no) return Fail(no.error());
        if (*no > 100'000) return Fail(ErrorCode::kNotFound, "page not found", "no");
        return static_cast<int>(*no);
    };
    router.Get(
        "/api/v1/documents/{id}/pages/{no}", kReaders,
        [svc, page_no](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto no = page_no(req);
            if (!no) return Problem(no.error(), req);
            auto page = svc->Page(*id, *no);
            if (!page) return Problem(page.error(), req);
            return Response::MakeJson(200, PageDetailJson(*page));
        },
        RouteOptions{.personal_data = true});
    router.Get(
        "/api/v1/documents/{id}/pages/{no}/image", kReaders,
        [svc, page_no](const Request& req) {
            auto id = server::IdParam(req, "id");
            if (!id) return Problem(id.error(), req);
            auto no = page_no(req);
            if (!no) return Problem(no.error(), req);
            auto image = svc->PageImage(*id, *no);
            if (!image) return Problem(image.error(), req);
            return Binary(std::move(*image), "image/jpeg", "");
        },
        RouteOptions{.personal_data = true});

    struct OutputRoute {
        const char* suffix;
        Output output;
        const char* type;
        const char* extension;
    };
    for (const OutputRoute& o : {OutputRoute{"pdf", Output::kPdf, "application/pdf", ".pdf"},
                                 OutputRoute{"text", Output::kText, "text/plain; charset=utf-8", ".txt"},
                                 OutputRoute{"result.json", Output::kJson, "application/json", ".json"}}) {
        router.Get(
            fmt::format("/api/v1/documents/{{id}}/{}", o.suffix), kReaders,
            [svc, o](const Request& req) {
                auto id = server::IdParam(req, "id");
                if (!id) return Problem(id.error(), req);
                std::string filename;
                auto data = svc->ReadOutput(*id, o.output, &filename);
                if (!data) return Problem(data.error(), req);
                return Binary(std::move(*data), o.type, Stem(filename) + o.extension);
            },
            RouteOptions{.personal_data = true});
    }
}

}  // namespace

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "modules.digitize");
    r.Bool("enabled", s.enabled)
        .Int("workers", s.workers, 0, 64)
        .String("lang", s.lang, 100)
        .String("tessdata_dir", s.tessdata_dir, 1000)
        .Size("max_upload_bytes", s.max_upload_bytes, 1024, 1024u * 1024 * 1024)
        .Int("max_pages", s.max_pages, 1, 10'000)
        .Int("pdf_dpi", s.pdf_dpi, 72, 600)
        .String("files_dir", s.files_dir, 1000);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    return s;
}

Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx) {
    if (!settings.enabled) return std::unique_ptr<Module>();
    EngineSettings engine{settings.lang, settings.tessdata_dir};
    if (auto s = CheckLanguages(engine, "modules.digitize.lang"); !s) return Fail(s.error());
    auto font = LoadGlyphlessFont(TessdataDir(engine));
    if (!font) return Fail(font.error());
    if (auto s = DigitizeService::Migrate(ctx.db); !s) return Fail(s.error());
    ServiceSettings ss;
    ss.files_dir = settings.files_dir.empty() ? ctx.data_dir / "documents" : std::filesystem::path(settings.files_dir);
    if (ss.files_dir.empty()) return Fail(ErrorCode::kInvalidArgument, "modules.digitize.files_dir: is required");
    ss.workers = settings.workers;
    ss.default_lang = settings.lang;
    ss.limits.max_bytes = settings.max_upload_bytes;
    ss.limits.max_pages = settings.max_pages;
    ss.limits.pdf_dpi = settings.pdf_dpi;
    ss.font = std::move(*font);
    ss.tessdata_dir = settings.tessdata_dir;
    const std::string tessdata = settings.tessdata_dir;
    auto svc = std::make_unique<DigitizeService>(std::move(ss), ctx.db, ctx.bus, ctx.clock,
                                                 [tessdata](const std::string& lang) {
                                                     return CreateTesseractEngine(EngineSettings{lang, tessdata});
                                                 });
    ctx.topics.Declare(std::string(kTopic), kReaders);
    AddRoutes(ctx.router, svc.get(), settings);
    return std::unique_ptr<Module>(std::make_unique<DigitizeModule>(std::move(svc)));
}

}  // namespace precinct::digitize
