#pragma once
// Enum <-> code lookups over small constant tables of {value, code} pairs, shared by the module's vocabularies.
#include <optional>
#include <string_view>

namespace precinct::dispatch {

// The code of `value` in `table`, or "" when absent.
template <class Table, class E>
std::string_view CodeOf(const Table& table, E value) {
    for (const auto& [v, code] : table) {
        if (v == value) return code;
    }
    return "";
}

// The value whose code is `code`, or nullopt.
template <class E, class Table>
std::optional<E> ValueOf(const Table& table, std::string_view code) {
    for (const auto& [v, c] : table) {
        if (c == code) return v;
    }
    return std::nullopt;
}

}  // namespace precinct::dispatch
