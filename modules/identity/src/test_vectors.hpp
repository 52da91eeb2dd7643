#pragma once
// For the chip library's tests only: the published test vectors (PRECINCT_IDENTITY_VECTORS, defined for every
// part's test program) and the Doc 9303 worked examples in them. Tests that need them skip with a message where the
// folder is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity::test_vectors {

inline const std::filesystem::path& VectorsDir() {
    static const std::filesystem::path kDir = PRECINCT_IDENTITY_VECTORS;
    return kDir;
}

// The whole file, or nothing when it cannot be read (tests then fail on the exact values they expect).
inline Bytes Load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline Bytes LoadVector(const std::string& relative) { return Load(VectorsDir() / relative); }

// The section `name` of the worked examples, or nullopt when the vectors folder is absent.
inline std::optional<nlohmann::json> WorkedExample(const std::string& name) {
    const auto path = VectorsDir() / "part11-worked-examples.json";
    if (!std::filesystem::exists(path)) return std::nullopt;
    std::ifstream in(path);
    return nlohmann::json::parse(in).at(name);
}

// The hex string `key` of `section` as bytes.
inline Bytes HexAt(const nlohmann::json& section, const std::string& key) {
    return HexLiteral(section.at(key).get<std::string>());
}

}  // namespace precinct::identity::test_vectors

// Skips the calling test, with the reason, where the vectors folder is absent.
#define PRECINCT_SKIP_WITHOUT_VECTORS()                                                   \
    if (!std::filesystem::exists(::precinct::identity::test_vectors::VectorsDir()))       \
    GTEST_SKIP() << "ICAO 9303 test vectors not found at "                                \
                 << ::precinct::identity::test_vectors::VectorsDir().string()

// Skips the test with a message when the worked examples are absent; otherwise binds `var` to the section.
// NOLINTBEGIN(bugprone-macro-parentheses): `var` names a declared variable.
#define PRECINCT_LOAD_WORKED_EXAMPLE(var, name)                                                                    \
    const auto var##_loaded = ::precinct::identity::test_vectors::WorkedExample(name);                             \
    if (!var##_loaded) {                                                                                           \
        GTEST_SKIP() << "test vectors not found at " << ::precinct::identity::test_vectors::VectorsDir().string(); \
    }                                                                                                              \
    const nlohmann::json& var = *var##_loaded
// NOLINTEND(bugprone-macro-parentheses)
