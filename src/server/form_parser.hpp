#pragma once
// Request bodies that citizens' browsers and Open311 (GeoReport v2) clients send: application/x-www-form-urlencoded
// and multipart/form-data (RFC 7578). Pure functions over the raw body, errors as values; every size and count is
// bounded by FormLimits, checked before anything is copied.
//
// Both parsers give text fields in the order sent, repeated names kept (Open311 `attribute[CODE]` and
// `attribute[CODE][]` keys are kept verbatim, brackets and all). Field names must be non-empty UTF-8 without
// control characters; text values must be valid UTF-8 without NUL (they end up in JSON and PostgreSQL text).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace precinct::server {

struct FormLimits {
    std::size_t max_fields = 64;                    // text fields
    std::size_t max_files = 5;                      // file parts (multipart only)
    std::size_t max_field_bytes = 16 * 1024;        // one text value, decoded
    std::size_t max_file_bytes = 10 * 1024 * 1024;  // one file's content
    std::size_t max_name_bytes = 200;               // a field name, and a file name
};

struct FormField {
    std::string name;
    std::string value;

    bool operator==(const FormField&) const = default;
};
using FormFields = std::vector<FormField>;

struct FilePart {
    std::string field;         // the form field's name
    std::string filename;      // as the client gave it, reduced to its last path component; cosmetic only
    std::string content_type;  // the part's Content-Type as sent ("application/octet-stream" if none): untrusted
    std::string data;          // the raw bytes
};

struct Multipart {
    FormFields fields;
    std::vector<FilePart> files;
};

// The first value of `name`, if present.
std::optional<std::string_view> FirstValue(const FormFields& fields, std::string_view name);
// Every value of `name`, in order.
std::vector<std::string_view> AllValues(const FormFields& fields, std::string_view name);

// application/x-www-form-urlencoded: `&`-separated `name=value` pairs (empty pairs skipped, a pair without `=` has
// an empty value), `+` is a space, `%XX` a byte; a malformed `%` escape is refused rather than guessed at.
// Errors: kTooLarge (too many fields, a name or value too long, a body longer than the limits allow) and
// kInvalidArgument (bad escape, bad UTF-8, NUL, empty name); `field` is the field's name, or "body" when the name
// itself is at fault or the error is about the whole body.
Result<FormFields> ParseUrlEncoded(std::string_view body, const FormLimits& limits);

// The boundary parameter of a `multipart/form-data` Content-Type header (quoted or not, 1..70 characters of the
// RFC 2046 set). Errors are kInvalidArgument with field "content-type".
Result<std::string> ParseMultipartBoundary(std::string_view content_type_header);

// multipart/form-data (RFC 7578 over RFC 2046). Lines end in CRLF (a bare LF is not a line end); a preamble before
// the first boundary and an epilogue after the closing `--boundary--` are ignored; a body without the closing
// boundary is refused. Each part needs `Content-Disposition: form-data; name="…"`; a part with a `filename` (or
// `filename*=UTF-8''…`, which wins) parameter is a file, others are text fields. A file part with an empty filename
// and no content (a file input left empty) is dropped. Quoted parameter values take `\"` and `\\` as escapes and
// any other backslash literally (browsers do not escape backslashes); names are not percent-decoded. In file names,
// invalid UTF-8 and control characters become '_'. Transfer encodings are not applied (RFC 7578 §4.7).
// Errors: kInvalidArgument/kTooLarge as for ParseUrlEncoded, plus field "content-type" for the header.
Result<Multipart> ParseMultipart(std::string_view body, std::string_view content_type_header, const FormLimits& limits);

}  // namespace precinct::server
