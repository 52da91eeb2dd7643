// Tests for the urlencoded and multipart/form-data parsers: bodies as browsers and curl send them, Open311 keys,
// every limit, and malformed input.
#include "server/form_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace precinct::server {
namespace {

using namespace std::string_literals;

// Chrome's boundary style and curl's.
constexpr std::string_view kBrowserBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
constexpr std::string_view kCurlBoundary = "------------------------d74496d66958873e";

struct Part {
    std::string headers;  // header lines, each ending in CRLF
    std::string data;
};

std::string Disposition(std::string_view name) {
    return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n";
}

std::string FileDisposition(std::string_view name, std::string_view filename, std::string_view type) {
    return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"; filename=\"" + std::string(filename) +
           "\"\r\nContent-Type: " + std::string(type) + "\r\n";
}

std::string Build(std::string_view boundary, const std::vector<Part>& parts, std::string_view preamble = "",
                  std::string_view epilogue = "") {
    std::string body(preamble);
    if (!preamble.empty()) body += "\r\n";
    for (const Part& part : parts) {
        body += "--" + std::string(boundary) + "\r\n" + part.headers + "\r\n" + part.data + "\r\n";
    }
    body += "--" + std::string(boundary) + "--" + std::string(epilogue);
    return body;
}

std::string ContentType(std::string_view boundary) { return "multipart/form-data; boundary=" + std::string(boundary); }

// Bytes of every value 0..255, twice, with CR, LF, CRLF and boundary look-alikes a naive parser would stop at.
std::string BinaryContent(std::string_view boundary) {
    std::string data;
    for (int round = 0; round < 2; ++round) {
        for (int b = 0; b < 256; ++b) data.push_back(static_cast<char>(b));
    }
    data += "\r\n\r\n\r\r\n\n";
    data += "--" + std::string(boundary) + "\r\n";       // no CRLF before it: content
    data += "x\n--" + std::string(boundary) + "--\r\n";  // bare LF before it: content
    data += "x\r--" + std::string(boundary) + "\r\n";    // bare CR before it: content
    data += "\r\n--" + std::string(boundary).substr(1);  // a CRLF and a truncated boundary: content
    data += "\r\n-" + std::string(boundary);             // one dash short: content
    data += "\r";                                        // ends in CR, right before the real delimiter
    return data;
}

void ExpectError(const auto& result, ErrorCode code, std::string_view field) {
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_EQ(result.error().field, field) << result.error().message;
    EXPECT_FALSE(result.error().message.empty());
}

// --- application/x-www-form-urlencoded ---

TEST(ParseUrlEncoded, ParsesPairsInOrder) {
    const auto fields = ParseUrlEncoded("a=1&b=two&a=3", {});
    ASSERT_TRUE(fields.has_value()) << fields.error().message;
    ASSERT_EQ(fields->size(), 3u);
    EXPECT_EQ((*fields)[0], (FormField{"a", "1"}));
    EXPECT_EQ((*fields)[1], (FormField{"b", "two"}));
    EXPECT_EQ((*fields)[2], (FormField{"a", "3"}));
    EXPECT_EQ(FirstValue(*fields, "a"), "1");
    EXPECT_EQ(AllValues(*fields, "a"), (std::vector<std::string_view>{"1", "3"}));
    EXPECT_EQ(FirstValue(*fields, "c"), std::nullopt);
}

TEST(ParseUrlEncoded, DecodesPlusAndPercent) {
    // "Ổ gà trên đường Láng = 2m" as a browser sends it.
    const auto fields = ParseUrlEncoded(
        "description=%E1%BB%94+g%C3%A0+tr%C3%AAn+%C4%91%C6%B0%E1%BB%9Dng+L%C3%A1ng+%3D+2m"
        "&plus=%2B&pct=100%25&raw=a+b%20c",
        {});
    ASSERT_TRUE(fields.has_value()) << fields.error().message;
    EXPECT_EQ(FirstValue(*fields, "description"), "Ổ gà trên đường Láng = 2m");
    EXPECT_EQ(FirstValue(*fields, "plus"), "+");
    EXPECT_EQ(FirstValue(*fields, "pct"), "100%");
    EXPECT_EQ(FirstValue(*fields, "raw"), "a b c");
}

TEST(ParseUrlEncoded, KeepsOpen311AttributeKeysVerbatim) {
    const auto fields = ParseUrlEncoded(
        "service_code=001&lat=21.0285&long=105.8048&attribute%5BWHISPY%5D=123&attribute[MULTI][]=a"
        "&attribute%5BMULTI%5D%5B%5D=b&api_key=xyz",
        {});
    ASSERT_TRUE(fields.has_value()) << fields.error().message;
    EXPECT_EQ(FirstValue(*fields, "attribute[WHISPY]"), "123");
    EXPECT_EQ(AllValues(*fields, "attribute[MULTI][]"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(FirstValue(*fields, "long"), "105.8048");
}

TEST(ParseUrlEncoded, HandlesEmptyPiecesAndMissingEquals) {
    const auto fields = ParseUrlEncoded("&&flag&x=&y==z&&", {});
    ASSERT_TRUE(fields.has_value()) << fields.error().message;
    ASSERT_EQ(fields->size(), 3u);
    EXPECT_EQ((*fields)[0], (FormField{"flag", ""}));
    EXPECT_EQ((*fields)[1], (FormField{"x", ""}));
    EXPECT_EQ((*fields)[2], (FormField{"y", "=z"}));
    EXPECT_TRUE(ParseUrlEncoded("", {}).value().empty());
}

TEST(ParseUrlEncoded, RefusesMalformedEscapes) {
    ExpectError(ParseUrlEncoded("a=%", {}), ErrorCode::kInvalidArgument, "a");
    ExpectError(ParseUrlEncoded("a=%4", {}), ErrorCode::kInvalidArgument, "a");
    ExpectError(ParseUrlEncoded("a=%GG", {}), ErrorCode::kInvalidArgument, "a");
    ExpectError(ParseUrlEncoded("a=1&b%x=2", {}), ErrorCode::kInvalidArgument, "body");
}

TEST(ParseUrlEncoded, RefusesBadText) {
    ExpectError(ParseUrlEncoded("=x", {}), ErrorCode::kInvalidArgument, "body");
    ExpectError(ParseUrlEncoded("a%00b=1", {}), ErrorCode::kInvalidArgument, "body");
    ExpectError(ParseUrlEncoded("a%0Ab=1", {}), ErrorCode::kInvalidArgument, "body");
    ExpectError(ParseUrlEncoded("a=x%00y", {}), ErrorCode::kInvalidArgument, "a");
    ExpectError(ParseUrlEncoded("a=%C3%28", {}), ErrorCode::kInvalidArgument, "a");        // bad continuation
    ExpectError(ParseUrlEncoded("a=%C0%AF", {}), ErrorCode::kInvalidArgument, "a");        // overlong '/'
    ExpectError(ParseUrlEncoded("a=%ED%A0%80", {}), ErrorCode::kInvalidArgument, "a");     // surrogate
    ExpectError(ParseUrlEncoded("a=%F4%90%80%80", {}), ErrorCode::kInvalidArgument, "a");  // > U+10FFFF
    ExpectError(ParseUrlEncoded("a=%E1%BB", {}), ErrorCode::kInvalidArgument, "a");        // truncated
    ExpectError(ParseUrlEncoded("%FF=1", {}), ErrorCode::kInvalidArgument, "body");
    // Line breaks and tabs in values are fine (textareas).
    EXPECT_EQ(FirstValue(ParseUrlEncoded("a=x%0D%0Ay%09z", {}).value(), "a"), "x\r\ny\tz");
}

TEST(ParseUrlEncoded, EnforcesLimits) {
    FormLimits limits;
    limits.max_fields = 3;
    limits.max_field_bytes = 5;
    limits.max_name_bytes = 4;
    EXPECT_TRUE(ParseUrlEncoded("a=1&b=2&c=3", limits).has_value());
    ExpectError(ParseUrlEncoded("a=1&b=2&c=3&d=4", limits), ErrorCode::kTooLarge, "body");
    EXPECT_TRUE(ParseUrlEncoded("abcd=12345", limits).has_value());
    ExpectError(ParseUrlEncoded("abcde=1", limits), ErrorCode::kTooLarge, "body");
    ExpectError(ParseUrlEncoded("abcd=123456", limits), ErrorCode::kTooLarge, "abcd");
    // Limits count decoded bytes: "%41%41%41%41%41" is 5 bytes.
    EXPECT_TRUE(ParseUrlEncoded("a=%41%41%41%41%41", limits).has_value());
    ExpectError(ParseUrlEncoded("a=%41%41%41%41%41%41", limits), ErrorCode::kTooLarge, "a");
    // A body longer than any acceptable one is refused before parsing.
    ExpectError(ParseUrlEncoded(std::string(10000, '&'), limits), ErrorCode::kTooLarge, "body");
    // Default limits: a 16 KiB value passes, one byte more does not.
    EXPECT_TRUE(ParseUrlEncoded("d=" + std::string(16 * 1024, 'x'), {}).has_value());
    ExpectError(ParseUrlEncoded("d=" + std::string(16 * 1024 + 1, 'x'), {}), ErrorCode::kTooLarge, "d");
}

// --- multipart/form-data ---

TEST(ParseMultipartBoundary, AcceptsQuotedAndUnquoted) {
    EXPECT_EQ(ParseMultipartBoundary(ContentType(kBrowserBoundary)).value(), kBrowserBoundary);
    EXPECT_EQ(ParseMultipartBoundary("multipart/form-data; boundary=\"simple boundary\"").value(), "simple boundary");
    EXPECT_EQ(ParseMultipartBoundary("Multipart/Form-Data;BOUNDARY=abc ; charset=utf-8").value(), "abc");
    EXPECT_EQ(ParseMultipartBoundary("multipart/form-data; charset=utf-8; boundary=x;").value(), "x");
    EXPECT_EQ(ParseMultipartBoundary("multipart/form-data; boundary=" + std::string(70, 'b')).value(),
              std::string(70, 'b'));
}

TEST(ParseMultipartBoundary, RefusesMalformedBoundaries) {
    for (const std::string& header : {
             "multipart/form-data"s,
             "multipart/form-data; boundary="s,
             "multipart/form-data; boundary=\"\""s,
             "multipart/form-data; boundary=" + std::string(71, 'b'),
             "multipart/form-data; boundary=abc@def"s,
             "multipart/form-data; boundary=\"abc \""s,       // may not end in a space
             "multipart/form-data; boundary=\"abc"s,          // unterminated quote
             "multipart/form-data; boundary=a; boundary=b"s,  // two boundaries
             "multipart/form-data; boundary=\"a\r\nb\""s,
             "multipart/mixed; boundary=abc"s,
             "application/x-www-form-urlencoded"s,
             ""s,
             "multipart/form-data boundary=abc"s,
         }) {
        ExpectError(ParseMultipartBoundary(header), ErrorCode::kInvalidArgument, "content-type");
        ExpectError(ParseMultipart("--abc--", header, {}), ErrorCode::kInvalidArgument, "content-type");
    }
}

TEST(ParseMultipart, ParsesABrowserLikeBody) {
    const std::string photo = BinaryContent(kBrowserBoundary);
    const std::string body =
        Build(kBrowserBoundary, {
                                    {Disposition("service_code"), "POTHOLE"},
                                    {Disposition("description"), "Ổ gà\r\nsâu 20cm"},
                                    {Disposition("attribute[SIZE]"), "large"},
                                    {Disposition("attribute[TAGS][]"), "road"},
                                    {Disposition("attribute[TAGS][]"), "night"},
                                    {FileDisposition("photo", "ảnh đường.jpg", "image/jpeg"), photo},
                                    {FileDisposition("photo2", "", "application/octet-stream"), ""},
                                    {Disposition("empty"), ""},
                                });
    const auto parsed = ParseMultipart(body, ContentType(kBrowserBoundary), {});
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    ASSERT_EQ(parsed->fields.size(), 6u);
    EXPECT_EQ(FirstValue(parsed->fields, "service_code"), "POTHOLE");
    EXPECT_EQ(FirstValue(parsed->fields, "description"), "Ổ gà\r\nsâu 20cm");
    EXPECT_EQ(FirstValue(parsed->fields, "attribute[SIZE]"), "large");
    EXPECT_EQ(AllValues(parsed->fields, "attribute[TAGS][]"), (std::vector<std::string_view>{"road", "night"}));
    EXPECT_EQ(FirstValue(parsed->fields, "empty"), "");
    ASSERT_EQ(parsed->files.size(), 1u);  // the empty file input is dropped
    EXPECT_EQ(parsed->files[0].field, "photo");
    EXPECT_EQ(parsed->files[0].filename, "ảnh đường.jpg");
    EXPECT_EQ(parsed->files[0].content_type, "image/jpeg");
    EXPECT_EQ(parsed->files[0].data, photo);
}

TEST(ParseMultipart, ParsesACurlLikeBody) {
    // As `curl -F service_code=001 -F lat=21.03 -F photo=@x.png` sends it.
    const std::string body = "--"s + std::string(kCurlBoundary) +
                             "\r\n"
                             "Content-Disposition: form-data; name=\"service_code\"\r\n\r\n"
                             "001\r\n--" +
                             std::string(kCurlBoundary) +
                             "\r\n"
                             "Content-Disposition: form-data; name=\"lat\"\r\n\r\n"
                             "21.03\r\n--" +
                             std::string(kCurlBoundary) +
                             "\r\n"
                             "Content-Disposition: form-data; name=\"photo\"; filename=\"x.png\"\r\n"
                             "Content-Type: image/png\r\n\r\n"
                             "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s +
                             "\r\n--" + std::string(kCurlBoundary) + "--\r\n";
    const auto parsed = ParseMultipart(body, ContentType(kCurlBoundary), {});
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(FirstValue(parsed->fields, "service_code"), "001");
    EXPECT_EQ(FirstValue(parsed->fields, "lat"), "21.03");
    ASSERT_EQ(parsed->files.size(), 1u);
    EXPECT_EQ(parsed->files[0].filename, "x.png");
    EXPECT_EQ(parsed->files[0].data, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s);
}

TEST(ParseMultipart, IgnoresPreambleEpilogueAndPadding) {
    // The RFC 2046 §5.1.1 example, as form-data, with transport padding after a boundary.
    const std::string body =
        "This is the preamble.  It is to be ignored, though it\r\nis a handy place for explanatory notes.\r\n"
        "--simple boundary\r\n"
        "Content-Disposition: form-data; name=\"a\"\r\n\r\n"
        "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.\r\n"
        "--simple boundary \t\r\n"
        "content-disposition: FORM-DATA; NAME=b\r\nContent-type: text/plain; charset=us-ascii\r\n\r\n"
        "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n\r\n"
        "--simple boundary--\r\n"
        "This is the epilogue.  It is also to be ignored.\r\n--simple boundary\r\ngarbage";
    const auto parsed = ParseMultipart(body, "multipart/form-data; boundary=\"simple boundary\"", {});
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    ASSERT_EQ(parsed->fields.size(), 2u);
    EXPECT_EQ(parsed->fields[0].value,
              "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.");
    EXPECT_EQ(parsed->fields[1].name, "b");
    EXPECT_EQ(parsed->fields[1].value,
              "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n");
}

TEST(ParseMultipart, AcceptsAnEmptyForm) {
    const auto parsed = ParseMultipart("--abc--", ContentType("abc"), {});
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_TRUE(parsed->fields.empty());
    EXPECT_TRUE(parsed->files.empty());
    EXPECT_TRUE(ParseMultipart("preamble\r\n--abc--\r\n", ContentType("abc"), {}).has_value());
}

TEST(ParseMultipart, KeepsBinaryContentWithFakeBoundaries) {
    for (const std::string_view boundary : {kBrowserBoundary, kCurlBoundary, std::string_view("x")}) {
        const std::string data = BinaryContent(boundary);
        const std::string body = Build(boundary, {{FileDisposition("photo", "p.bin", "image/jpeg"), data},
                                                  {FileDisposition("photo", "q.bin", "image/jpeg"), data + data},
                                                  {Disposition("after"), "ok"}});
        const auto parsed = ParseMultipart(body, ContentType(boundary), {});
        ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
        ASSERT_EQ(parsed->files.size(), 2u);
        EXPECT_EQ(parsed->files[0].data, data);
        EXPECT_EQ(parsed->files[1].data, data + data);
        EXPECT_EQ(FirstValue(parsed->fields, "after"), "ok");
    }
}

TEST(ParseMultipart, ReadsUnicodeAndExtendedFilenames) {
    const auto parse_filename = [](std::string disposition_tail) {
        const std::string body =
            Build("b", {{"Content-Disposition: form-data; name=\"f\"; " + disposition_tail + "\r\n", "data"}});
        const auto parsed = ParseMultipart(body, ContentType("b"), {});
        EXPECT_TRUE(parsed.has_value()) << disposition_tail << ": " << parsed.error().message;
        if (!parsed || parsed->files.size() != 1) return "<none>"s;
        EXPECT_EQ(parsed->files[0].content_type, "application/octet-stream");
        return parsed->files[0].filename;
    };
    EXPECT_EQ(parse_filename("filename=\"Ảnh chụp 2025.jpg\""), "Ảnh chụp 2025.jpg");
    EXPECT_EQ(parse_filename("filename=\"照片.png\""), "照片.png");
    EXPECT_EQ(parse_filename("filename*=UTF-8''%E1%BA%A2nh%20ch%E1%BB%A5p.jpg"), "Ảnh chụp.jpg");
    EXPECT_EQ(parse_filename("filename=\"fallback.jpg\"; filename*=utf-8'vi'%E1%BA%A2nh.jpg"), "Ảnh.jpg");
    EXPECT_EQ(parse_filename("filename*=ISO-8859-1''caf%E9.jpg"), "café.jpg");
    EXPECT_EQ(parse_filename("filename=\"C:\\Users\\lan\\Pictures\\photo.jpg\""), "photo.jpg");
    EXPECT_EQ(parse_filename("filename=\"../../etc/passwd\""), "passwd");
    EXPECT_EQ(parse_filename("filename=\"say \\\"hi\\\".jpg\""), "say \"hi\".jpg");
    EXPECT_EQ(parse_filename("filename=plain.jpg"), "plain.jpg");
    EXPECT_EQ(parse_filename("filename=\"bad\xFF\xC3.jpg\""), "bad__.jpg");
    EXPECT_EQ(parse_filename("filename=\"tab\there.jpg\""), "tab_here.jpg");
    // filename="" with content is still a file.
    EXPECT_EQ(parse_filename("filename=\"\""), "");

    const std::string bad = Build("b", {{"Content-Disposition: form-data; name=\"f\"; filename*=KOI8-R''x\r\n", "d"}});
    ExpectError(ParseMultipart(bad, ContentType("b"), {}), ErrorCode::kInvalidArgument, "f");
    const std::string bad_escape =
        Build("b", {{"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E1%B\r\n", "d"}});
    ExpectError(ParseMultipart(bad_escape, ContentType("b"), {}), ErrorCode::kInvalidArgument, "f");
}

TEST(ParseMultipart, RefusesAMissingFinalBoundary) {
    const std::string good = Build("b", {{Disposition("a"), "1"}});
    ASSERT_TRUE(ParseMultipart(good, ContentType("b"), {}).has_value());
    for (const std::string& body : {
             good.substr(0, good.size() - 2),                     // "--b" without "--"
             good.substr(0, good.size() - 5),                     // cut inside the delimiter
             "--b\r\n"s + Disposition("a") + "\r\n1",             // no delimiter after the content
             "--b\r\n"s + Disposition("a") + "\r\n1\r\n--b\r\n",  // a boundary opening nothing
             "--b\r\n"s + Disposition("a") + "\r\n1\r\n--b",      // ends right after a boundary
             "--b\r\n"s,
             "--b"s,
         }) {
        ExpectError(ParseMultipart(body, ContentType("b"), {}), ErrorCode::kInvalidArgument, "body");
    }
}

TEST(ParseMultipart, RefusesBodiesWithoutTheBoundary) {
    ExpectError(ParseMultipart("", ContentType("b"), {}), ErrorCode::kInvalidArgument, "body");
    ExpectError(ParseMultipart("a=1&b=2", ContentType("b"), {}), ErrorCode::kInvalidArgument, "body");
    ExpectError(ParseMultipart(Build("other", {{Disposition("a"), "1"}}), ContentType("b"), {}),
                ErrorCode::kInvalidArgument, "body");
    // A boundary line followed by something else than CRLF or "--".
    ExpectError(ParseMultipart("--bX\r\n" + Disposition("a") + "\r\n1\r\n--b--", ContentType("b"), {}),
                ErrorCode::kInvalidArgument, "body");
}

TEST(ParseMultipart, RefusesHeadersWithoutCrlf) {
    for (const std::string& body : {
             "--b\r\nContent-Disposition: form-data; name=\"a\"\n\n1\r\n--b--"s,            // LF only
             "--b\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\n1\r\n--b--"s,  // a bare LF inside
             "--b\r\nContent-Disposition: form-data; name=\"a\"\rX: y\r\n\r\n1\r\n--b--"s,  // a bare CR inside
             "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--b--"s,            // no blank line
             "--b\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--"s,          // LF after boundary
             "--b\r\nContent-Disposition: form-data; name=\"a\""s,                          // headers to the end
         }) {
        ExpectError(ParseMultipart(body, ContentType("b"), {}), ErrorCode::kInvalidArgument, "body");
    }
}

TEST(ParseMultipart, RefusesBadPartHeaders) {
    for (const std::string& headers : {
             ""s,                                                            // no headers at all
             "Content-Type: text/plain\r\n"s,                                // no disposition
             "Content-Disposition: attachment; name=\"a\"\r\n"s,             // not form-data
             "Content-Disposition: form-data\r\n"s,                          // no name
             "Content-Disposition: form-data; name=\"\"\r\n"s,               // empty name
             "Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n"s,  // two names
             "Content-Disposition: form-data; name=\"a\r\n"s,                // unterminated quote
             "Content-Disposition: form-data; name\r\n"s,                    // no value
             "Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n"s,
             "Content-Disposition: form-data; name=\"a\"\r\n folded: continuation\r\n"s,
             "Content-Disposition: form-data; name=\"a\"\r\nNo colon here\r\n"s,
             "Content-Disposition: form-data; name=\"a\x01\"\r\n"s,  // control character in name
             "Content-Disposition: form-data; name=\"\xC3\"\r\n"s,   // bad UTF-8 in name
         }) {
        const std::string body = Build("b", {{headers, "1"}});
        ExpectError(ParseMultipart(body, ContentType("b"), {}), ErrorCode::kInvalidArgument, "body");
    }
    // A field value that is not UTF-8 is blamed on its field; so is a non-ASCII part Content-Type.
    ExpectError(ParseMultipart(Build("b", {{Disposition("a"), "\xFF"}}), ContentType("b"), {}),
                ErrorCode::kInvalidArgument, "a");
    ExpectError(ParseMultipart(Build("b", {{Disposition("a"), "x\0y"s}}), ContentType("b"), {}),
                ErrorCode::kInvalidArgument, "a");
    ExpectError(
        ParseMultipart(Build("b", {{FileDisposition("p", "p.jpg", "image/\xC3\xA9"), "x"}}), ContentType("b"), {}),
        ErrorCode::kInvalidArgument, "p");
    // Unknown headers are ignored.
    const auto parsed =
        ParseMultipart(Build("b", {{Disposition("a") + "X-Whatever: 1\r\nContent-Transfer-Encoding: 8bit\r\n", "v"}}),
                       ContentType("b"), {});
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(FirstValue(parsed->fields, "a"), "v");
}

TEST(ParseMultipart, EnforcesCountLimits) {
    FormLimits limits;
    limits.max_fields = 2;
    limits.max_files = 2;
    const Part field{Disposition("f"), "v"};
    const Part file{FileDisposition("photo", "p.jpg", "image/jpeg"), "data"};
    EXPECT_TRUE(ParseMultipart(Build("b", {field, field, file, file}), ContentType("b"), limits).has_value());
    ExpectError(ParseMultipart(Build("b", {field, field, field}), ContentType("b"), limits), ErrorCode::kTooLarge,
                "body");
    ExpectError(ParseMultipart(Build("b", {file, file, file}), ContentType("b"), limits), ErrorCode::kTooLarge,
                "photo");
    // Dropped empty file inputs still count as parts.
    const Part empty_file{FileDisposition("photo", "", "application/octet-stream"), ""};
    ExpectError(ParseMultipart(Build("b", {empty_file, empty_file, empty_file, empty_file, empty_file}),
                               ContentType("b"), limits),
                ErrorCode::kTooLarge, "body");
}

TEST(ParseMultipart, EnforcesSizeLimits) {
    FormLimits limits;
    limits.max_field_bytes = 10;
    limits.max_file_bytes = 100;
    limits.max_name_bytes = 8;
    const auto parse = [&](const std::vector<Part>& parts) {
        return ParseMultipart(Build("b", parts), ContentType("b"), limits);
    };
    EXPECT_TRUE(parse({{Disposition("name8chr"), std::string(10, 'x')}}).has_value());
    ExpectError(parse({{Disposition("a"), std::string(11, 'x')}}), ErrorCode::kTooLarge, "a");
    ExpectError(parse({{Disposition("name9char"), "x"}}), ErrorCode::kTooLarge, "body");
    EXPECT_TRUE(parse({{FileDisposition("p", "8chr.jpg", "image/jpeg"), std::string(100, 'x')}}).has_value());
    ExpectError(parse({{FileDisposition("p", "p.jpg", "image/jpeg"), std::string(101, 'x')}}), ErrorCode::kTooLarge,
                "p");
    ExpectError(parse({{FileDisposition("p", "9chr..jpg", "image/jpeg"), "x"}}), ErrorCode::kTooLarge, "p");
    // Part headers over 8 KiB.
    ExpectError(parse({{Disposition("a") + "X-Padding: " + std::string(9000, 'x') + "\r\n", "v"}}),
                ErrorCode::kTooLarge, "body");
    // A body larger than any acceptable one is refused before it is scanned.
    ExpectError(ParseMultipart(std::string(4 * 1024 * 1024, 'x'), ContentType("b"), limits), ErrorCode::kTooLarge,
                "body");
}

TEST(ParseMultipart, AcceptsAFullSizePhotoWithDefaultLimits) {
    std::string photo(10 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < photo.size(); ++i) photo[i] = static_cast<char>((i * 2654435761u) >> 13);
    const auto parsed =
        ParseMultipart(Build(kBrowserBoundary, {{FileDisposition("photo", "big.jpg", "image/jpeg"), photo}}),
                       ContentType(kBrowserBoundary), {});
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    ASSERT_EQ(parsed->files.size(), 1u);
    EXPECT_EQ(parsed->files[0].data.size(), photo.size());
    EXPECT_TRUE(parsed->files[0].data == photo);
    photo.push_back('x');
    ExpectError(ParseMultipart(Build(kBrowserBoundary, {{FileDisposition("photo", "big.jpg", "image/jpeg"), photo}}),
                               ContentType(kBrowserBoundary), {}),
                ErrorCode::kTooLarge, "photo");
}

}  // namespace
}  // namespace precinct::server
