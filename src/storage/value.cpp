#include <charconv>
#include <fmt/format.h>

#include "storage/database.hpp"

namespace precinct::storage {

std::int64_t Value::AsInt() const {
    if (const auto* i = std::get_if<std::int64_t>(&v_)) return *i;
    if (const auto* d = std::get_if<double>(&v_)) return static_cast<std::int64_t>(*d);
    if (const auto* s = std::get_if<std::string>(&v_)) {
        std::int64_t out = 0;
        std::from_chars(s->data(), s->data() + s->size(), out);
        return out;
    }
    return 0;
}

double Value::AsReal() const {
    if (const auto* d = std::get_if<double>(&v_)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
    if (const auto* s = std::get_if<std::string>(&v_)) {
        double out = 0;
        std::from_chars(s->data(), s->data() + s->size(), out);
        return out;
    }
    return 0;
}

std::string Value::AsText() const {
    if (const auto* s = std::get_if<std::string>(&v_)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&v_)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v_)) return fmt::format("{}", *d);
    if (const auto* b = std::get_if<Blob>(&v_)) return std::string(b->bytes.begin(), b->bytes.end());
    return {};
}

}  // namespace precinct::storage
