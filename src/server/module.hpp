#pragma once
// The shape of a capability module and the registry that builds them from the config's [modules.NAME] tables.
// Only the factory sees the ModuleContext; inner classes take plain settings and references.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "server/services.hpp"
#include "server/topics.hpp"
#include "storage/database.hpp"

namespace precinct {

namespace auth {
class AuditLog;
}

// What the platform lends a module. Everything outlives the module.
struct ModuleContext {
    storage::Database& db;
    Bus& bus;
    const Clock& clock;
    auth::AuditLog& audit;
    server::Router& router;
    server::Metrics& metrics;
    server::TopicRegistry& topics;
    bool demo = false;   // `serve --demo`: a module may seed demo data and keep it alive
    // Interfaces modules offer each other (see services.hpp); null in tests that build one module alone.
    server::ServiceDirectory* services = nullptr;
    // The data directory (`serve --data-dir`), where a module may keep files; empty in tests that need none.
    std::filesystem::path data_dir{};
};

class Module {
public:
    virtual ~Module() = default;
    // Called after every module is built and before the server accepts connections.
    virtual Status Start() { return Ok(); }
    // Called after the server stopped; background work must end here.
    virtual void Stop() {}
};

using ModuleFactory = std::function<Result<std::unique_ptr<Module>>(const Json& section, ModuleContext& ctx)>;

class ModuleRegistry {
public:
    // Registers a module with its typed settings: parse rejects unknown keys, make builds it.
    template <class S>
    void Add(std::string name, Result<S> (*parse)(const Json&),
             Result<std::unique_ptr<Module>> (*make)(const S&, ModuleContext&)) {
        AddFactory(std::move(name), [parse, make](const Json& section, ModuleContext& ctx)
                                        -> Result<std::unique_ptr<Module>> {
            auto settings = parse(section);
            if (!settings) return Fail(settings.error());
            return make(*settings, ctx);
        });
    }
    void AddFactory(std::string name, ModuleFactory factory);

    // Rejects a [modules.X] table for an unknown X; builds every registered module (a null module means the
    // module is disabled by its settings).
    Status CreateAll(const Json& modules_section, ModuleContext& ctx);
    Status StartAll();
    void StopAll();
    // Names of registered modules with whether each is enabled.
    std::vector<std::pair<std::string, bool>> Describe() const;

private:
    struct Entry {
        std::string name;
        ModuleFactory factory;
        std::unique_ptr<Module> module;
    };
    std::vector<Entry> entries_;
};

}  // namespace precinct
