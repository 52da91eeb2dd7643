// Parsers for application/x-www-form-urlencoded and multipart/form-data bodies. See form_parser.hpp.
#include "server/form_parser.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace precinct::server {
namespace {

constexpr std::size_t kMaxBoundaryLength = 70;         // RFC 2046 §5.1.1
constexpr std::size_t kMaxPartHeaderBytes = 8 * 1024;  // one part's header block
constexpr std::size_t kPartOverhead = kMaxPartHeaderBytes + 2 * (kMaxBoundaryLength + 8);
constexpr std::string_view kDefaultFileType = "application/octet-stream";

tl::unexpected<Error> Invalid(std::string message, std::string field) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

tl::unexpected<Error> TooLarge(std::string message, std::string field) {
    return Fail(ErrorCode::kTooLarge, std::move(message), std::move(field));
}

std::size_t SaturatingAdd(std::size_t a, std::size_t b) {
    return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max() : a + b;
}

std::size_t SaturatingMul(std::size_t a, std::size_t b) {
    if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) return std::numeric_limits<std::size_t>::max();
    return a * b;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return AsciiLower(x) == AsciiLower(y); });
}

bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view text) {
    while (!text.empty() && IsSpaceOrTab(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsSpaceOrTab(text.back())) text.remove_suffix(1);
    return text;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Length of the well-formed UTF-8 sequence starting at text[i] (no overlong forms, no surrogates, at most
// U+10FFFF), or 0 if there is none.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // overlong
        if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // overlong
        if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
    } else {
        return 0;
    }
    if (text.size() - i < length) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    }
    return length;
}

bool IsValidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = Utf8SequenceLength(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Checks a decoded field name: returns an error (field "body": the name itself is what is wrong) or nothing.
std::optional<Error> CheckName(std::string_view name, const FormLimits& limits) {
    if (name.empty()) return Error{ErrorCode::kInvalidArgument, "a form field has no name", "body", 0};
    if (name.size() > limits.max_name_bytes) {
        return Error{ErrorCode::kTooLarge,
                     "a form field name is longer than " + std::to_string(limits.max_name_bytes) + " bytes", "body", 0};
    }
    const bool controls = std::any_of(name.begin(), name.end(), [](char c) { return IsControl(c); });
    if (controls || !IsValidUtf8(name)) {
        return Error{ErrorCode::kInvalidArgument, "a form field name is not valid UTF-8 text", "body", 0};
    }
    return std::nullopt;
}

// Checks a text value (the name already checked, so it can be the error's field).
std::optional<Error> CheckValue(std::string_view name, std::string_view value, const FormLimits& limits) {
    if (value.size() > limits.max_field_bytes) {
        return Error{ErrorCode::kTooLarge, "longer than " + std::to_string(limits.max_field_bytes) + " bytes",
                     std::string(name), 0};
    }
    if (value.find('\0') != std::string_view::npos || !IsValidUtf8(value)) {
        return Error{ErrorCode::kInvalidArgument, "not valid UTF-8 text", std::string(name), 0};
    }
    return std::nullopt;
}

// Decodes `+` and `%XX`; nullopt on a malformed escape.
std::optional<std::string> FormDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (text.size() - i < 3) return std::nullopt;
            const int high = HexValue(text[i + 1]);
            const int low = HexValue(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// --- Header parameters (Content-Type and Content-Disposition) ---

bool IsTokenChar(char c) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

struct Parameter {
    std::string name;  // lower-cased
    std::string value;
};

struct HeaderValue {
    std::string type;  // lower-cased, e.g. "form-data" or "multipart/form-data"
    std::vector<Parameter> parameters;
};

// `type *( OWS ";" OWS name "=" ( token / quoted-string ) )`. In quoted strings `\"` and `\\` are escapes and any
// other backslash is kept (browsers send Windows paths and names with backslashes unescaped). A trailing `;` is
// tolerated. nullopt if malformed.
std::optional<HeaderValue> ParseHeaderValue(std::string_view text) {
    HeaderValue out;
    std::size_t i = 0;
    const auto skip_spaces = [&] {
        while (i < text.size() && IsSpaceOrTab(text[i])) ++i;
    };
    skip_spaces();
    const std::size_t type_start = i;
    while (i < text.size() && (IsTokenChar(text[i]) || text[i] == '/')) ++i;
    if (i == type_start) return std::nullopt;
    for (const char c : text.substr(type_start, i - type_start)) out.type.push_back(AsciiLower(c));
    while (true) {
        skip_spaces();
        if (i == text.size()) return out;
        if (text[i] != ';') return std::nullopt;
        ++i;
        skip_spaces();
        if (i == text.size()) return out;
        const std::size_t name_start = i;
        while (i < text.size() && IsTokenChar(text[i])) ++i;
        if (i == name_start) return std::nullopt;
        Parameter parameter;
        for (const char c : text.substr(name_start, i - name_start)) parameter.name.push_back(AsciiLower(c));
        skip_spaces();
        if (i == text.size() || text[i] != '=') return std::nullopt;
        ++i;
        skip_spaces();
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && i < text.size() && (text[i] == '"' || text[i] == '\\')) {
                    parameter.value.push_back(text[i++]);
                } else {
                    parameter.value.push_back(c);
                }
            }
            if (!closed) return std::nullopt;
        } else {
            const std::size_t value_start = i;
            while (i < text.size() && text[i] != ';' && !IsSpaceOrTab(text[i])) ++i;
            if (i == value_start) return std::nullopt;
            parameter.value = std::string(text.substr(value_start, i - value_start));
        }
        out.parameters.push_back(std::move(parameter));
    }
}

// Parameter `name` of a header: its value (null if absent) and whether it appears more than once.
struct Lookup {
    bool duplicate = false;
    const std::string* value = nullptr;
};

Lookup FindParameter(const HeaderValue& header, std::string_view name) {
    Lookup found;
    for (const Parameter& parameter : header.parameters) {
        if (parameter.name != name) continue;
        if (found.value != nullptr) found.duplicate = true;
        found.value = &parameter.value;
    }
    return found;
}

bool IsBoundaryChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// RFC 8187 ext-value: charset "'" [language] "'" pct-encoded. UTF-8 is kept, ISO-8859-1 converted to UTF-8;
// nullopt for anything else or a malformed value.
std::optional<std::string> DecodeExtendedValue(std::string_view text) {
    const std::size_t first = text.find('\'');
    if (first == std::string_view::npos) return std::nullopt;
    const std::size_t second = text.find('\'', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const std::string_view charset = text.substr(0, first);
    const std::string_view encoded = text.substr(second + 1);
    std::string decoded;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') {
            decoded.push_back(encoded[i]);
            continue;
        }
        if (encoded.size() - i < 3) return std::nullopt;
        const int high = HexValue(encoded[i + 1]);
        const int low = HexValue(encoded[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        decoded.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    if (EqualsIgnoreCase(charset, "utf-8")) return decoded;
    if (EqualsIgnoreCase(charset, "iso-8859-1")) {
        std::string utf8;
        for (const char c : decoded) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x80) {
                utf8.push_back(c);
            } else {
                utf8.push_back(static_cast<char>(0xC0 | (byte >> 6)));
                utf8.push_back(static_cast<char>(0x80 | (byte & 0x3F)));
            }
        }
        return utf8;
    }
    return std::nullopt;
}

// A file name for display: its last path component, invalid UTF-8 and control characters replaced by '_'.
std::string CleanFilename(std::string_view raw) {
    const std::size_t slash = raw.find_last_of("/\\");
    if (slash != std::string_view::npos) raw.remove_prefix(slash + 1);
    std::string out;
    for (std::size_t i = 0; i < raw.size();) {
        const std::size_t length = Utf8SequenceLength(raw, i);
        if (length == 0 || (length == 1 && IsControl(static_cast<unsigned char>(raw[i])))) {
            out.push_back('_');
            ++i;
        } else {
            out.append(raw.substr(i, length));
            i += length;
        }
    }
    return out;
}

struct PartHeaders {
    std::string name;
    std::optional<std::string> filename;
    std::optional<std::string> content_type;
};

// Parses one part's header block (lines separated by CRLF, without the blank line that ends it).
Result<PartHeaders> ParsePartHeaders(std::string_view block, const FormLimits& limits) {
    std::optional<std::string_view> disposition;
    std::optional<std::string_view> content_type;
    while (!block.empty()) {
        const std::size_t end = block.find("\r\n");
        const std::string_view line = block.substr(0, end);
        block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
        if (line.find_first_of("\r\n") != std::string_view::npos) {
            return Invalid("a part header line does not end in CRLF", "body");
        }
        const std::size_t colon = line.find(':');
        const std::string_view header_name = line.substr(0, colon);
        if (colon == std::string_view::npos || header_name.empty() ||
            !std::all_of(header_name.begin(), header_name.end(), IsTokenChar)) {
            return Invalid("malformed part header line", "body");
        }
        const std::string_view value = Trim(line.substr(colon + 1));
        if (EqualsIgnoreCase(header_name, "content-disposition")) {
            if (disposition) return Invalid("a part has two Content-Disposition headers", "body");
            disposition = value;
        } else if (EqualsIgnoreCase(header_name, "content-type")) {
            if (content_type) return Invalid("a part has two Content-Type headers", "body");
            content_type = value;
        }
    }
    if (!disposition) return Invalid("a part has no Content-Disposition header", "body");
    const std::optional<HeaderValue> parsed = ParseHeaderValue(*disposition);
    if (!parsed || parsed->type != "form-data") {
        return Invalid("a part's Content-Disposition is not form-data with parameters", "body");
    }
    const Lookup name = FindParameter(*parsed, "name");
    const Lookup filename = FindParameter(*parsed, "filename");
    const Lookup extended = FindParameter(*parsed, "filename*");
    if (name.duplicate || filename.duplicate || extended.duplicate) {
        return Invalid("a part's Content-Disposition repeats a parameter", "body");
    }
    if (name.value == nullptr) return Invalid("a part has no field name", "body");
    if (auto error = CheckName(*name.value, limits)) return Fail(std::move(*error));

    PartHeaders out;
    out.name = *name.value;
    if (extended.value != nullptr) {
        std::optional<std::string> decoded = DecodeExtendedValue(*extended.value);
        if (!decoded) return Invalid("unsupported or malformed filename* parameter", out.name);
        out.filename = CleanFilename(*decoded);
    } else if (filename.value != nullptr) {
        out.filename = CleanFilename(*filename.value);
    }
    if (out.filename && out.filename->size() > limits.max_name_bytes) {
        return TooLarge("file name longer than " + std::to_string(limits.max_name_bytes) + " bytes", out.name);
    }
    if (content_type) {
        const bool printable =
            std::all_of(content_type->begin(), content_type->end(), [](char c) { return c >= 0x20 && c < 0x7F; });
        if (!printable) return Invalid("the part's Content-Type is not printable ASCII", out.name);
        out.content_type = std::string(*content_type);
    }
    return out;
}

}  // namespace

std::optional<std::string_view> FirstValue(const FormFields& fields, std::string_view name) {
    for (const FormField& field : fields) {
        if (field.name == name) return field.value;
    }
    return std::nullopt;
}

std::vector<std::string_view> AllValues(const FormFields& fields, std::string_view name) {
    std::vector<std::string_view> out;
    for (const FormField& field : fields) {
        if (field.name == name) out.push_back(field.value);
    }
    return out;
}

Result<FormFields> ParseUrlEncoded(std::string_view body, const FormLimits& limits) {
    // Each field is at most 3 bytes per decoded byte (%XX) plus `=` and `&`.
    const std::size_t per_field =
        SaturatingAdd(SaturatingMul(3, SaturatingAdd(limits.max_name_bytes, limits.max_field_bytes)), 2);
    if (body.size() > SaturatingMul(limits.max_fields, per_field)) {
        return TooLarge("form body is larger than its limits allow", "body");
    }
    FormFields fields;
    while (!body.empty()) {
        const std::size_t amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        if (fields.size() == limits.max_fields) {
            return TooLarge("more than " + std::to_string(limits.max_fields) + " form fields", "body");
        }
        const std::size_t equals = pair.find('=');
        const std::string_view raw_name = pair.substr(0, equals);
        const std::string_view raw_value =
            equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
        if (raw_name.size() > SaturatingMul(3, limits.max_name_bytes)) {
            return TooLarge("a form field name is longer than " + std::to_string(limits.max_name_bytes) + " bytes",
                            "body");
        }
        std::optional<std::string> name = FormDecode(raw_name);
        if (!name) return Invalid("malformed percent-encoding in a field name", "body");
        if (auto error = CheckName(*name, limits)) return Fail(std::move(*error));
        if (raw_value.size() > SaturatingMul(3, limits.max_field_bytes)) {
            return TooLarge("longer than " + std::to_string(limits.max_field_bytes) + " bytes", *name);
        }
        std::optional<std::string> value = FormDecode(raw_value);
        if (!value) return Invalid("malformed percent-encoding", *name);
        if (auto error = CheckValue(*name, *value, limits)) return Fail(std::move(*error));
        fields.push_back(FormField{std::move(*name), std::move(*value)});
    }
    return fields;
}

Result<std::string> ParseMultipartBoundary(std::string_view content_type_header) {
    const std::optional<HeaderValue> header = ParseHeaderValue(content_type_header);
    if (!header) return Invalid("malformed Content-Type header", "content-type");
    if (header->type != "multipart/form-data") {
        return Invalid("expected Content-Type multipart/form-data", "content-type");
    }
    const Lookup boundary = FindParameter(*header, "boundary");
    if (boundary.value == nullptr) return Invalid("multipart Content-Type without a boundary", "content-type");
    if (boundary.duplicate) return Invalid("multipart Content-Type with two boundaries", "content-type");
    const std::string& value = *boundary.value;
    if (value.empty() || value.size() > kMaxBoundaryLength || value.back() == ' ' ||
        !std::all_of(value.begin(), value.end(), IsBoundaryChar)) {
        return Invalid("multipart boundary must be 1 to 70 letters, digits or '()+_,-./:=? characters", "content-type");
    }
    return value;
}

Result<Multipart> ParseMultipart(std::string_view body, std::string_view content_type_header,
                                 const FormLimits& limits) {
    Result<std::string> boundary = ParseMultipartBoundary(content_type_header);
    if (!boundary) return Fail(std::move(boundary.error()));

    const std::size_t max_body = SaturatingAdd(
        SaturatingAdd(SaturatingMul(limits.max_files, SaturatingAdd(limits.max_file_bytes, kPartOverhead)),
                      SaturatingMul(limits.max_fields,
                                    SaturatingAdd(limits.max_field_bytes, kPartOverhead + limits.max_name_bytes))),
        kPartOverhead);
    if (body.size() > max_body) return TooLarge("form body is larger than its limits allow", "body");
    const std::size_t max_parts = SaturatingAdd(limits.max_fields, limits.max_files);

    const std::string dash_boundary = "--" + *boundary;
    const std::string delimiter = "\r\n" + dash_boundary;
    // The delimiter's CR appears nowhere else in it, so each search below is linear in what it scans.
    std::size_t pos = 0;
    if (body.substr(0, dash_boundary.size()) == dash_boundary) {
        pos = dash_boundary.size();
    } else {
        const std::size_t first = body.find(delimiter);
        if (first == std::string_view::npos) return Invalid("multipart body without its boundary", "body");
        pos = first + delimiter.size();
    }

    Multipart out;
    std::size_t parts = 0;
    while (true) {
        // Just after a boundary: transport padding, then "--" (the end) or CRLF (a part follows).
        while (pos < body.size() && IsSpaceOrTab(body[pos])) ++pos;
        if (body.substr(pos, 2) == "--") break;  // the epilogue, if any, is ignored
        if (body.substr(pos, 2) != "\r\n") {
            const bool at_end = pos >= body.size();
            return Invalid(at_end ? "multipart body ends without its closing boundary"
                                  : "a multipart boundary line does not end in CRLF",
                           "body");
        }
        pos += 2;
        if (++parts > max_parts) return TooLarge("too many parts in the multipart body", "body");

        std::string_view header_block;
        if (body.substr(pos, 2) == "\r\n") {
            pos += 2;  // no headers at all (refused below: Content-Disposition is required)
        } else {
            const std::string_view window = body.substr(pos, kMaxPartHeaderBytes + 4);
            const std::size_t blank = window.find("\r\n\r\n");
            if (blank == std::string_view::npos) {
                if (window.size() == kMaxPartHeaderBytes + 4) return TooLarge("part headers are too long", "body");
                return Invalid("part headers do not end in a blank line (CRLF CRLF)", "body");
            }
            header_block = window.substr(0, blank);
            pos += blank + 4;
        }
        Result<PartHeaders> headers = ParsePartHeaders(header_block, limits);
        if (!headers) return Fail(std::move(headers.error()));

        const std::size_t next = body.find(delimiter, pos);
        if (next == std::string_view::npos) return Invalid("multipart body ends without its closing boundary", "body");
        const std::string_view content = body.substr(pos, next - pos);
        pos = next + delimiter.size();

        if (headers->filename) {
            if (headers->filename->empty() && content.empty()) continue;  // a file input left empty
            if (out.files.size() == limits.max_files) {
                return TooLarge("more than " + std::to_string(limits.max_files) + " files", headers->name);
            }
            if (content.size() > limits.max_file_bytes) {
                return TooLarge("file larger than " + std::to_string(limits.max_file_bytes) + " bytes", headers->name);
            }
            out.files.push_back(FilePart{std::move(headers->name), std::move(*headers->filename),
                                         headers->content_type.value_or(std::string(kDefaultFileType)),
                                         std::string(content)});
        } else {
            if (out.fields.size() == limits.max_fields) {
                return TooLarge("more than " + std::to_string(limits.max_fields) + " form fields", "body");
            }
            if (auto error = CheckValue(headers->name, content, limits)) return Fail(std::move(*error));
            out.fields.push_back(FormField{std::move(headers->name), std::string(content)});
        }
    }
    return out;
}

}  // namespace precinct::server
