// Fuzz target: the urlencoded and multipart/form-data parsers of the reports module. The input's first line (up to
// the first LF) is the Content-Type header, the rest the body. Both parsers run with the default limits and with tiny
// ones (to reach every limit). Besides not crashing: every result respects its limits, names and text values are
// valid UTF-8 (they go into JSON), and error messages and fields are too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "form_parser.hpp"

namespace {

using precinct::reports::FormFields;
using precinct::reports::FormLimits;

// Well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF); written independently of the parser's.
bool ValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (text.size() - i <= extra) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        static constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (code < kMinimum[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

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
    const auto urlencoded = precinct::reports::ParseUrlEncoded(body, limits);
    if (urlencoded) {
        CheckFields(*urlencoded, limits);
    } else {
        CheckError(urlencoded.error());
    }
    const auto multipart = precinct::reports::ParseMultipart(body, header, limits);
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
