// Fuzz target: the urlencoded and multipart/form-data parsers of the server (reports and digitize use them). The input's first line (up to
// the first LF) is the Content-Type header, the rest the body. Both parsers run with the default limits and with tiny
// ones (to reach every limit). Besides not crashing: every result respects its limits, names and text values are
// valid UTF-8 (they go into JSON), and error messages and fields are too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/form_parser.hpp"
#include "utf8_check.hpp"

namespace {

using precinct::fuzz::ValidUtf8;

using precinct::server::FormFields;
using precinct::server::FormLimits;


void Require(bool condition) {
    if (!condition) std::abort();
}

void CheckError(const precinct::Error& error) {
    Require(!error.message.empty());
    Require(ValidUtf8(error.message));
    Require(ValidUtf8(error.field));
}

void CheckFields(const FormFields& fields, const FormLimits& limits) {
    Require(fields.size() <= limits.max_fields);
    for (const auto& field : fields) {
        Require(!field.name.empty() && field.name.size() <= limits.max_name_bytes && ValidUtf8(field.name));
        Require(field.value.size() <= limits.max_field_bytes && ValidUtf8(field.value));
        Require(field.value.find('\0') == std::string::npos);
    }
}

void Run(std::string_view header, std::string_view body, const FormLimits& limits) {
    const auto urlencoded = precinct::server::ParseUrlEncoded(body, limits);
    if (urlencoded) {
        CheckFields(*urlencoded, limits);
    } else {
        CheckError(urlencoded.error());
    }
    const auto multipart = precinct::server::ParseMultipart(body, header, limits);
    if (!multipart) {
        CheckError(multipart.error());
        return;
    }
    CheckFields(multipart->fields, limits);
    Require(multipart->files.size() <= limits.max_files);
    for (const auto& file : multipart->files) {
        Require(!file.field.empty() && file.field.size() <= limits.max_name_bytes && ValidUtf8(file.field));
        Require(file.filename.size() <= limits.max_name_bytes && ValidUtf8(file.filename));
        Require(file.filename.find_first_of("/\\") == std::string::npos);
        Require(ValidUtf8(file.content_type));
        Require(file.data.size() <= limits.max_file_bytes);
        Require(body.find(file.data) != std::string_view::npos);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view header = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    Run(header, body, FormLimits{});
    FormLimits tiny;
    tiny.max_fields = 3;
    tiny.max_files = 2;
    tiny.max_field_bytes = 16;
    tiny.max_file_bytes = 64;
    tiny.max_name_bytes = 12;
    Run(header, body, tiny);
    return 0;
}
