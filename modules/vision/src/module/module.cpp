// The vision module: settings, camera workers, retention, and the routes (reads, crops, recognitions, the plate
// watchlist, alerts, cameras).
#include "precinct/vision/module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <opencv2/imgcodecs.hpp>

#include "core/crypto.hpp"
#include "core/settings.hpp"
#include "json_codec.hpp"
#include "precinct/dispatch/intake.hpp"
#include "recognizer/scene_frames.hpp"
#include "server/json_body.hpp"
#include "server/periodic_worker.hpp"
#include "server/request_actor.hpp"
#include "service.hpp"

namespace precinct::vision {
namespace {

namespace fs = std::filesystem;
using server::Access;
using server::Request;
using server::Response;
using server::RouteOptions;

constexpr const char* kDemoPlate = "30K-123.45";

Error Bad(std::string message, std::string field) {
    return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), 0};
}

bool ValidCameraId(const std::string& id) {
    return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::vector<std::uint8_t> EncodeJpeg(const cv::Mat& crop) {
    std::vector<std::uint8_t> out;
    if (crop.empty()) return out;
    cv::Mat small = crop;
    if (crop.cols > 480) cv::resize(crop, small, cv::Size(480, std::max(1, crop.rows * 480 / crop.cols)));
    cv::imencode(".jpg", small, out, {cv::IMWRITE_JPEG_QUALITY, 85});
    return out;
}

class VisionModule final : public Module {
public:
    VisionModule(Settings settings, ModuleContext& ctx, std::unique_ptr<PlateService> svc)
        : settings_(std::move(settings)), ctx_(ctx), svc_(std::move(svc)) {
        models_ = settings_.models_dir.empty() ? DefaultPlateModelsDir() : fs::path(settings_.models_dir);
        allow_files_ = settings_.allow_file_sources.value_or(ctx.demo);
    }

    Status Start() override {
        if (ctx_.services != nullptr) svc_->Connect(ctx_.services->Find<dispatch::ChannelIntake>());
        for (const auto& c : settings_.cameras) cameras_[c.id] = Entry{c, "config", nullptr};
        if (auto loaded = LoadConsoleCameras(); !loaded) return loaded;
        if (ctx_.demo && settings_.demo_camera) SeedDemo();
        {
            std::lock_guard lock(mutex_);
            for (auto& [id, e] : cameras_) StartWorker(e);
            PublishCameras();
        }
        purge_.Start(std::chrono::minutes(1), [this] { (void)svc_->Purge(); });
        return Ok();
    }

    void Stop() override {
        purge_.Stop();
        std::map<std::string, Entry> cameras;
        {
            std::lock_guard lock(mutex_);
            cameras.swap(cameras_);
        }
        for (auto& [id, e] : cameras) {
            if (e.worker) e.worker->Stop();
        }
    }

    PlateService& service() { return *svc_; }
    bool allow_files() const { return allow_files_; }
    const fs::path& models() const { return models_; }

    Json CamerasJson() {
        std::lock_guard lock(mutex_);
        Json out = Json::array();
        for (const auto& [id, e] : cameras_) {
            out.push_back(CameraJson(e.config, e.worker ? e.worker->Health() : CameraHealth{.state = "disabled"},
                                     e.source));
        }
        return out;
    }

    Result<Json> AddCamera(const CameraConfig& c, const auth::Actor& actor) {
        std::lock_guard lock(mutex_);
        if (cameras_.count(c.id)) return Fail(ErrorCode::kConflict, "id: a camera with this id exists", "id");
        if (cameras_.size() >= settings_.max_cameras) {
            return Fail(ErrorCode::kConflict, fmt::format("cameras: at most {} per server", settings_.max_cameras));
        }
        const Json stored{{"id", c.id},
                          {"name", c.name},
                          {"url", c.url},
                          {"sample_fps", c.sample_fps},
                          {"motion_gating", c.motion_gating},
                          {"latitude", c.latitude ? Json(*c.latitude) : Json(nullptr)},
                          {"longitude", c.longitude ? Json(*c.longitude) : Json(nullptr)}};
        std::vector<auth::AuditRecord> records;
        auto saved = ctx_.db.Transact([&](storage::Connection& conn) -> Status {
            auto e = conn.Execute("INSERT INTO vision_cameras (id, config, created_by, created_ms) VALUES (?,?,?,?)",
                                  {c.id, stored.dump(), actor.username, ToUnixMillis(ctx_.clock.Now())});
            if (!e) return Fail(e.error());
            auth::AuditEntry a{actor.username, actor.role, "cameras.add", "camera:" + c.id, "",
                               actor.source_ip, actor.request_id, Json{{"name", c.name}}.dump()};
            auto rec = ctx_.audit.AppendIn(conn, a);
            if (!rec) return Fail(rec.error());
            records.push_back(*rec);
            return Ok();
        });
        if (!saved) return Fail(saved.error());
        for (const auto& r : records) ctx_.audit.Announce(r);
        auto& e = cameras_[c.id] = Entry{c, "console", nullptr};
        StartWorker(e);
        PublishCameras();
        return CameraJson(e.config, e.worker ? e.worker->Health() : CameraHealth{}, e.source);
    }

    Status RemoveCamera(const std::string& id, const auth::Actor& actor) {
        std::unique_ptr<CameraWorker> worker;
        {
            std::lock_guard lock(mutex_);
            auto it = cameras_.find(id);
            if (it == cameras_.end()) return Fail(ErrorCode::kNotFound, "camera: not found", "id");
            if (it->second.source != "console") {
                return Fail(ErrorCode::kConflict, "camera: set in the configuration file; change it there", "id");
            }
            std::vector<auth::AuditRecord> records;
            auto removed = ctx_.db.Transact([&](storage::Connection& conn) -> Status {
                auto e = conn.Execute("DELETE FROM vision_cameras WHERE id = ?", {id});
                if (!e) return Fail(e.error());
                auth::AuditEntry a{actor.username, actor.role, "cameras.remove", "camera:" + id, "",
                                   actor.source_ip, actor.request_id, "{}"};
                auto rec = ctx_.audit.AppendIn(conn, a);
                if (!rec) return Fail(rec.error());
                records.push_back(*rec);
                return Ok();
            });
            if (!removed) return removed;
            for (const auto& r : records) ctx_.audit.Announce(r);
            worker = std::move(it->second.worker);
            cameras_.erase(it);
            PublishCameras();
        }
        if (worker) worker->Stop();
        return Ok();
    }

private:
    struct Entry {
        CameraConfig config;
        std::string source;  // "config", "console" or "demo"
        std::unique_ptr<CameraWorker> worker;
    };

    Status LoadConsoleCameras() {
        auto rows = ctx_.db.Query("SELECT config FROM vision_cameras ORDER BY id");
        if (!rows) return Fail(rows.error());
        for (const auto& r : *rows) {
            const Json j = Json::parse(r.Text(0), nullptr, false);
            auto c = ParseCamera(j, "camera", true);
            if (!c) continue;  // a stored camera that no longer parses is left out, not fatal
            if (!cameras_.count(c->id)) cameras_[c->id] = Entry{*c, "console", nullptr};
        }
        return Ok();
    }

    // A made street video in the data folder, played as a camera in Hà Nội, and the plate in it watchlisted.
    void SeedDemo() {
        if (ctx_.data_dir.empty()) return;
        const fs::path dir = ctx_.data_dir / "vision";
        std::error_code ec;
        fs::create_directories(dir, ec);
        const fs::path video = dir / "demo-street.avi";
        if (!fs::exists(video, ec)) {
            const std::vector<cv::Mat> plates{
                scene::RenderPlate("51F-678.90", "", cv::Scalar(255, 255, 255)),
                scene::RenderPlate("29-B1", "234.56", cv::Scalar(255, 255, 255)),
                scene::RenderPlate(kDemoPlate, "", cv::Scalar(255, 255, 255)),
            };
            if (!scene::WriteDrivingVideo(video.string(), plates, 10, 3, 5)) return;
        }
        if (!cameras_.count("demo-1")) {
            CameraConfig c{.id = "demo-1",
                           .name = "Demo: Hoàn Kiếm, Đinh Tiên Hoàng",
                           .url = video.string(),
                           .sample_fps = 1,
                           .motion_gating = true,
                           .latitude = 21.0285,
                           .longitude = 105.8542};
            cameras_["demo-1"] = Entry{c, "demo", nullptr};
        }
        auto listed = svc_->Watchlist(false);
        if (listed && listed->empty()) {
            auth::Actor system;
            system.username = "system";
            NewWatchEntry w;
            w.plate = kDemoPlate;
            w.reason = "Dữ liệu minh hoạ: xe báo mất / Demo data: reported stolen";
            w.legal_basis = "Dữ liệu minh hoạ, không phải hồ sơ thật / Demo data, not a real case";
            w.owner = "demo";
            w.expires_at = ctx_.clock.Now() + std::chrono::hours(24 * 30);
            (void)svc_->AddWatch(w, system);
        }
    }

    // Call with mutex_ held.
    void StartWorker(Entry& e) {
        if (!e.config.enabled || e.worker) return;
        PlateService* svc = svc_.get();
        const fs::path models = models_;
        e.worker = std::make_unique<CameraWorker>(
            e.config, [models] { return PlateReader::Load(models, ReaderOptions{.threads = 1}); },
            [svc](CameraRead r) {
                IncomingRead in;
                in.camera_id = r.camera_id;
                in.seen_at = r.seen_at;
                in.plate = r.vehicle.voted.plate;
                in.raw = r.vehicle.raw;
                in.confidence = r.vehicle.voted.confidence;
                in.frames = r.vehicle.frames;
                in.colour = std::string(PlateColourName(r.vehicle.colour));
                in.box = r.vehicle.box;
                in.crop_jpeg = EncodeJpeg(r.vehicle.crop);
                (void)svc->Ingest(in);
            });
        e.worker->Start();
    }

    // Call with mutex_ held.
    void PublishCameras() {
        std::vector<CameraInfo> info;
        for (const auto& [id, e] : cameras_) {
            info.push_back(CameraInfo{e.config.id, e.config.name, e.config.latitude, e.config.longitude});
        }
        svc_->SetCameras(std::move(info));
    }

    Settings settings_;
    ModuleContext& ctx_;
    std::unique_ptr<PlateService> svc_;
    fs::path models_;
    bool allow_files_ = false;
    std::mutex mutex_;
    std::map<std::string, Entry> cameras_;
    server::PeriodicWorker purge_;
};

const std::vector<storage::Migration> kModuleMigrations = {
    {1, "cameras added in the console",
     "CREATE TABLE vision_cameras (id TEXT PRIMARY KEY, config TEXT NOT NULL, created_by TEXT NOT NULL, "
     "created_ms INTEGER NOT NULL);"},
};

Result<std::optional<TimePoint>> TimeParam(const Request& req, const char* name) {
    auto v = req.QueryParam(name);
    if (!v || v->empty()) return std::optional<TimePoint>();
    auto t = ParseTime(*v);
    if (!t) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: an RFC 3339 time", name), name);
    return std::optional<TimePoint>(*t);
}

void AddRoutes(server::Router& router, VisionModule* m, const Settings& settings) {
    const Access searchers(false, settings.search_roles);
    const Access watchers(false, settings.watch_roles);
    std::vector<Role> camera_viewers = settings.search_roles;
    for (Role r : settings.camera_roles) {
        if (std::find(camera_viewers.begin(), camera_viewers.end(), r) == camera_viewers.end()) {
            camera_viewers.push_back(r);
        }
    }
    PlateService* svc = &m->service();

    router.Get("/api/v1/plates/reads", searchers, [svc](const Request& req) {
        ReadQuery q;
        if (auto p = req.QueryParam("plate"); p && !p->empty()) {
            auto pattern = ValidatePlatePattern(*p);
            if (!pattern) return Problem(Bad(pattern.error().message, "plate"), req);
            q.pattern = *pattern;
        }
        if (auto c = req.QueryParam("camera"); c && !c->empty()) {
            if (!ValidCameraId(*c)) return Problem(Bad("camera: a camera id", "camera"), req);
            q.camera_id = *c;
        }
        auto from = TimeParam(req, "from");
        if (!from) return Problem(from.error(), req);
        auto to = TimeParam(req, "to");
        if (!to) return Problem(to.error(), req);
        if (*from && *to && **to <= **from) return Problem(Bad("to: must be after from", "to"), req);
        q.from = *from;
        q.to = *to;
        if (auto la = req.QueryParam("look_alike"); la) {
            if (*la != "true" && *la != "false") return Problem(Bad("look_alike: true or false", "look_alike"), req);
            q.look_alike = *la == "true";
        }
        auto limit = server::IntParam(req, "limit", 100, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        q.limit = *limit;
        auto reads = svc->Search(q);
        if (!reads) return Problem(reads.error(), req);
        Json out = Json::array();
        for (const auto& r : *reads) out.push_back(StoredReadJson(r));
        return Response::MakeJson(200, Json{{"reads", std::move(out)}});
    }, RouteOptions{.personal_data = true});

    router.Get("/api/v1/plates/reads/{id}/crop", searchers, [svc](const Request& req) {
        auto id = server::IdParam(req, "id");
        if (!id) return Problem(id.error(), req);
        auto crop = svc->Crop(*id);
        if (!crop) return Problem(crop.error(), req);
        Response r = Response::Text(200, std::string(crop->begin(), crop->end()), "image/jpeg");
        r.headers.emplace_back("Cache-Control", "private, no-store");
        return r;
    }, RouteOptions{.personal_data = true});

    // An officer's photo (or a frame) read on the spot; with "store": the reads are kept as from camera "upload"
    // and matched against the watchlist like a camera's.
    router.Post("/api/v1/plates/recognitions", searchers, [m, svc](const Request& req) {
        auto body = server::DecodeJsonBody(req);
        if (!body) return Problem(body.error(), req);
        for (const auto& [key, value] : body->items()) {
            if (key != "image" && key != "store") return Problem(Bad(key + ": unknown field", key), req);
        }
        if (!body->contains("image") || !(*body)["image"].is_string()) {
            return Problem(Bad("image: the picture (JPEG, PNG, ...) in base64", "image"), req);
        }
        const bool store = body->value("store", false);
        auto bytes = Base64Decode((*body)["image"].get<std::string>());
        if (!bytes || bytes->empty()) return Problem(Bad("image: not base64", "image"), req);
        const cv::Mat image = cv::imdecode(*bytes, cv::IMREAD_COLOR);
        if (image.empty()) return Problem(Bad("image: not a picture that can be decoded", "image"), req);
        if (image.cols > 8192 || image.rows > 8192) return Problem(Bad("image: at most 8192 pixels a side", "image"), req);
        auto reader = PlateReader::Load(m->models(), ReaderOptions{.threads = 1});
        if (!reader) return Problem(reader.error(), req);
        Json plates = Json::array();
        for (const auto& f : (*reader)->Read(image)) {
            Json j = FindingJson(f);
            if (store) {
                IncomingRead in{"upload", std::chrono::system_clock::now(), f.plate, f.raw, f.confidence, 1,
                                std::string(PlateColourName(f.colour)), f.box, EncodeJpeg(f.crop)};
                auto stored = svc->Ingest(in);
                if (!stored) return Problem(stored.error(), req);
                j["read_id"] = stored->id;
            }
            plates.push_back(std::move(j));
        }
        return Response::MakeJson(store ? 201 : 200, Json{{"plates", std::move(plates)}});
    }, RouteOptions{.max_body_bytes = settings.max_image_bytes, .personal_data = true});

    router.Get("/api/v1/watchlists/plates", searchers, [svc](const Request& req) {
        const auto all = req.QueryParam("all");
        auto list = svc->Watchlist(all && *all == "true");
        if (!list) return Problem(list.error(), req);
        Json out = Json::array();
        for (const auto& w : *list) out.push_back(WatchEntryJson(w));
        return Response::MakeJson(200, Json{{"entries", std::move(out)}});
    }, RouteOptions{.personal_data = true});

    router.Post("/api/v1/watchlists/plates", watchers, [svc](const Request& req) {
        auto body = server::DecodeJsonBody(req);
        if (!body) return Problem(body.error(), req);
        NewWatchEntry e;
        for (const auto& [key, value] : body->items()) {
            const bool known = key == "plate" || key == "pattern" || key == "reason" || key == "legal_basis" ||
                               key == "owner" || key == "expires_at" || key == "category";
            if (!known) return Problem(Bad(key + ": unknown field", key), req);
            if (!value.is_string()) return Problem(Bad(key + ": a string", key), req);
        }
        e.plate = body->value("plate", "");
        e.pattern = body->value("pattern", "");
        e.reason = body->value("reason", "");
        e.legal_basis = body->value("legal_basis", "");
        e.owner = body->value("owner", "");
        e.category = body->value("category", e.category);
        const std::string expires = body->value("expires_at", "");
        if (expires.empty()) return Problem(Bad("expires_at: required (RFC 3339)", "expires_at"), req);
        auto t = ParseTime(expires);
        if (!t) return Problem(Bad("expires_at: an RFC 3339 time", "expires_at"), req);
        e.expires_at = *t;
        auto added = svc->AddWatch(e, server::ActorOf(req));
        if (!added) return Problem(added.error(), req);
        return Response::MakeJson(201, WatchEntryJson(*added));
    }, RouteOptions{.max_body_bytes = 16 * 1024, .self_audited = true});

    router.Post("/api/v1/watchlists/plates/{id}/revoke", watchers, [svc](const Request& req) {
        auto id = server::IdParam(req, "id");
        if (!id) return Problem(id.error(), req);
        auto body = server::DecodeJsonBody(req);
        if (!body) return Problem(body.error(), req);
        const auto reason = body->find("reason");
        if (reason == body->end() || !reason->is_string()) {
            return Problem(Bad("reason: why the entry is revoked", "reason"), req);
        }
        auto w = svc->RevokeWatch(*id, reason->get<std::string>(), server::ActorOf(req));
        if (!w) return Problem(w.error(), req);
        return Response::MakeJson(200, WatchEntryJson(*w));
    }, RouteOptions{.max_body_bytes = 4096, .self_audited = true});

    router.Get("/api/v1/plates/alerts", searchers, [svc](const Request& req) {
        auto limit = server::IntParam(req, "limit", 50, 1, 500);
        if (!limit) return Problem(limit.error(), req);
        auto alerts = svc->Alerts(*limit);
        if (!alerts) return Problem(alerts.error(), req);
        Json out = Json::array();
        for (const auto& a : *alerts) out.push_back(AlertJson(a));
        return Response::MakeJson(200, Json{{"alerts", std::move(out)}});
    }, RouteOptions{.personal_data = true});

    router.Get("/api/v1/cameras", Access(false, camera_viewers), [m](const Request&) {
        return Response::MakeJson(200, Json{{"cameras", m->CamerasJson()}});
    });

    router.Post("/api/v1/cameras", Access(false, settings.camera_roles), [m](const Request& req) {
        auto body = server::DecodeJsonBody(req);
        if (!body) return Problem(body.error(), req);
        auto camera = ParseCamera(*body, "", m->allow_files());
        if (!camera) return Problem(camera.error(), req);
        auto added = m->AddCamera(*camera, server::ActorOf(req));
        if (!added) return Problem(added.error(), req);
        return Response::MakeJson(201, *added);
    }, RouteOptions{.max_body_bytes = 8192, .self_audited = true});

    router.Delete("/api/v1/cameras/{id}", Access(false, settings.camera_roles), [m](const Request& req) {
        const std::string id(req.Param("id"));
        if (!ValidCameraId(id)) return Problem(Error{ErrorCode::kNotFound, "camera: not found", "id", 0}, req);
        if (auto s = m->RemoveCamera(id, server::ActorOf(req)); !s) return Problem(s.error(), req);
        return Response::NoContent();
    }, RouteOptions{.self_audited = true});
}

}  // namespace

Result<CameraConfig> ParseCamera(const Json& entry, const std::string& path, bool allow_files) {
    if (!entry.is_object()) return Fail(ErrorCode::kInvalidArgument, path + ": a table", path);
    // A JSON null for a position means none.
    Json e = entry;
    for (const char* k : {"latitude", "longitude"}) {
        if (e.contains(k) && e[k].is_null()) e.erase(k);
    }
    CameraConfig c;
    SettingsReader r(e, path);
    double latitude = 1000, longitude = 1000;
    r.Require("id").String("id", c.id, 40)
        .Require("name").String("name", c.name, 200)
        .Require("url").String("url", c.url, 2000)
        .Double("sample_fps", c.sample_fps, 0.1, 30)
        .Bool("motion_gating", c.motion_gating)
        .Bool("enabled", c.enabled)
        .Double("latitude", latitude, -90, 90)
        .Double("longitude", longitude, -180, 180);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    const auto field = [&](const char* k) { return path.empty() ? std::string(k) : path + "." + k; };
    if (!ValidCameraId(c.id)) {
        return Fail(ErrorCode::kInvalidArgument, field("id") + ": 1 to 40 of a-z, 0-9, - and _", field("id"));
    }
    if (c.name.empty()) return Fail(ErrorCode::kInvalidArgument, field("name") + ": required", field("name"));
    const auto scheme = c.url.find("://");
    if (scheme == std::string::npos) {
        std::error_code ec;
        if (!allow_files) {
            return Fail(ErrorCode::kInvalidArgument, field("url") + ": an rtsp://, rtsps://, http:// or https:// stream",
                        field("url"));
        }
        if (!fs::is_regular_file(c.url, ec)) {
            return Fail(ErrorCode::kInvalidArgument, field("url") + ": no such video file", field("url"));
        }
    } else {
        const std::string s = c.url.substr(0, scheme);
        if (s != "rtsp" && s != "rtsps" && s != "http" && s != "https") {
            return Fail(ErrorCode::kInvalidArgument, field("url") + ": an rtsp://, rtsps://, http:// or https:// stream",
                        field("url"));
        }
    }
    if ((latitude == 1000) != (longitude == 1000)) {
        return Fail(ErrorCode::kInvalidArgument, field("latitude") + ": latitude and longitude, both or neither",
                    field("latitude"));
    }
    if (latitude != 1000) {
        c.latitude = latitude;
        c.longitude = longitude;
    }
    return c;
}

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "modules.vision");
    int retention = s.retention_days, alert_retention = s.alert_retention_days;
    bool allow_files = false;
    const bool has_allow_files = section.is_object() && section.contains("allow_file_sources");
    r.Bool("enabled", s.enabled)
        .String("models_dir", s.models_dir, 1000)
        .Int("retention_days", retention, 1, 3650)
        .Int("alert_retention_days", alert_retention, 1, 3650)
        .Size("recommend_units", s.recommend_units, 0, 10)
        .Size("max_cameras", s.max_cameras, 1, 1000)
        .Bool("allow_file_sources", allow_files)
        .Bool("demo_camera", s.demo_camera)
        .Size("max_image_bytes", s.max_image_bytes, 64 * 1024, 64u * 1024 * 1024)
        .Known("cameras")
        .Roles("search_roles", s.search_roles)
        .Roles("watch_roles", s.watch_roles)
        .Roles("camera_roles", s.camera_roles);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    s.retention_days = retention;
    s.alert_retention_days = alert_retention;
    if (has_allow_files) s.allow_file_sources = allow_files;
    if (section.is_object() && section.contains("cameras")) {
        const Json& list = section["cameras"];
        if (!list.is_array()) {
            return Fail(ErrorCode::kInvalidArgument, "modules.vision.cameras: a list of tables", "modules.vision.cameras");
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            // Cameras in the config file may name local video files: the file is the operator's.
            auto c = ParseCamera(list[i], fmt::format("modules.vision.cameras[{}]", i), true);
            if (!c) return Fail(c.error());
            for (const auto& other : s.cameras) {
                if (other.id == c->id) {
                    return Fail(ErrorCode::kInvalidArgument, fmt::format("modules.vision.cameras[{}].id: repeated", i),
                                fmt::format("modules.vision.cameras[{}].id", i));
                }
            }
            s.cameras.push_back(*c);
        }
    }
    return s;
}

Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx) {
    if (!settings.enabled) return std::unique_ptr<Module>();
    if (auto s = PlateService::Migrate(ctx.db); !s) return Fail(s.error());
    if (auto s = storage::Migrate(ctx.db, "vision-cameras", kModuleMigrations); !s) return Fail(s.error());
    ServiceSettings ss;
    ss.retention = std::chrono::hours(24 * settings.retention_days);
    ss.alert_retention = std::chrono::hours(24 * settings.alert_retention_days);
    ss.recommend_units = settings.recommend_units;
    auto svc = std::make_unique<PlateService>(ctx.db, ctx.bus, ctx.clock, ctx.audit, ss);
    ctx.topics.Declare(std::string(kAlertTopic), Access(false, settings.search_roles));
    auto module = std::make_unique<VisionModule>(settings, ctx, std::move(svc));
    AddRoutes(ctx.router, module.get(), settings);
    return std::unique_ptr<Module>(std::move(module));
}

}  // namespace precinct::vision
