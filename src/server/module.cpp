#include "server/module.hpp"

#include <fmt/format.h>

namespace precinct {

void ModuleRegistry::AddFactory(std::string name, ModuleFactory factory) {
    entries_.push_back(Entry{std::move(name), std::move(factory), nullptr});
}

Status ModuleRegistry::CreateAll(const Json& modules_section, ModuleContext& ctx) {
    if (!modules_section.is_null() && !modules_section.is_object()) {
        return Fail(ErrorCode::kInvalidArgument, "modules: must be a table", "modules");
    }
    if (modules_section.is_object()) {
        for (const auto& [key, value] : modules_section.items()) {
            bool known = false;
            for (const auto& e : entries_) known = known || e.name == key;
            if (!known) {
                return Fail(ErrorCode::kInvalidArgument, fmt::format("modules.{}: unknown module", key),
                            fmt::format("modules.{}", key));
            }
        }
    }
    for (auto& e : entries_) {
        const Json section = modules_section.is_object() && modules_section.contains(e.name)
                                 ? modules_section.at(e.name)
                                 : Json(nullptr);
        auto module = e.factory(section, ctx);
        if (!module) {
            Error err = module.error();
            if (err.field.empty()) err.field = fmt::format("modules.{}", e.name);
            else if (!err.field.starts_with("modules.")) err.field = fmt::format("modules.{}.{}", e.name, err.field);
            return Fail(std::move(err));
        }
        e.module = std::move(*module);
    }
    return Ok();
}

Status ModuleRegistry::StartAll() {
    for (auto& e : entries_) {
        if (!e.module) continue;
        if (auto s = e.module->Start(); !s) {
            Error err = s.error();
            err.message = fmt::format("module {}: {}", e.name, err.message);
            return Fail(std::move(err));
        }
    }
    return Ok();
}

void ModuleRegistry::StopAll() {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
        if (it->module) it->module->Stop();
    }
}

std::vector<std::pair<std::string, bool>> ModuleRegistry::Describe() const {
    std::vector<std::pair<std::string, bool>> out;
    for (const auto& e : entries_) out.emplace_back(e.name, e.module != nullptr);
    return out;
}

}  // namespace precinct
