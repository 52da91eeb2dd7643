#include "core/roles.hpp"

#include <array>

namespace precinct {
namespace {
struct RoleInfo {
    Role role;
    std::string_view name;
    std::string_view label_vi;
};
constexpr std::array<RoleInfo, 7> kRoles{{
    {Role::kCallTaker, "call_taker", "Tiếp nhận cuộc gọi"},
    {Role::kDispatcher, "dispatcher", "Điều phối viên"},
    {Role::kSupervisor, "supervisor", "Trực ban chỉ huy"},
    {Role::kClerk, "clerk", "Cán bộ văn thư"},
    {Role::kInvestigator, "investigator", "Điều tra viên"},
    {Role::kAdmin, "admin", "Quản trị hệ thống"},
    {Role::kAuditor, "auditor", "Kiểm toán viên"},
}};
constexpr std::array<Role, 7> kAll{Role::kCallTaker, Role::kDispatcher,   Role::kSupervisor, Role::kClerk,
                                   Role::kInvestigator, Role::kAdmin, Role::kAuditor};
}  // namespace

std::string_view RoleName(Role role) {
    for (const auto& info : kRoles) {
        if (info.role == role) return info.name;
    }
    return "unknown";
}

std::string_view RoleLabelVi(Role role) {
    for (const auto& info : kRoles) {
        if (info.role == role) return info.label_vi;
    }
    return "";
}

std::optional<Role> ParseRole(std::string_view name) {
    for (const auto& info : kRoles) {
        if (info.name == name) return info.role;
    }
    return std::nullopt;
}

std::span<const Role> AllRoles() { return kAll; }

}  // namespace precinct
