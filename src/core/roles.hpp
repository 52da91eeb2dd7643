#pragma once
// Officer roles and the signed-in principal. Citizens have no role: they use public routes.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace precinct {

enum class Role { kCallTaker, kDispatcher, kSupervisor, kClerk, kInvestigator, kAdmin, kAuditor };

std::string_view RoleName(Role role);                    // "call_taker", ...
std::string_view RoleLabelVi(Role role);                 // "Tiếp nhận cuộc gọi", ...
std::optional<Role> ParseRole(std::string_view name);
std::span<const Role> AllRoles();

struct Principal {
    std::int64_t user_id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::kCallTaker;
};

}  // namespace precinct
